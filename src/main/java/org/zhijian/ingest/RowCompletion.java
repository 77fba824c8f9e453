package org.zhijian.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;

import org.zhijian.reference.AddressResolver;
import org.zhijian.schema.DomainValues;
import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/**
 * What a record of another layout than the project's own gets after its mapping and before
 * validation, the values its file does not give as codes: the county placed by a text that names
 * it (登记机关 永康市市场监督管理局, 住所), an industry written by name made its code
 * ({@code norm.industry}), and the producer of a batch resolved by name and address
 * ({@link ProducerResolver}) into credit_code, county_code, match and in_province. Records of the
 * project's own layouts pass unchanged.
 */
final class RowCompletion
        implements Serializable
{
    private static final long serialVersionUID = 1L;
    static final String INDUSTRY = "norm.industry";

    private final SourceDataset dataset;
    private final ValidationReference reference;
    private final Supplier<ProducerResolver> producers;

    /** {@code producers} gives the register (a Spark broadcast's value in tasks); null where the dataset names no producers. */
    RowCompletion(SourceDataset dataset, ValidationReference reference, SerializableSupplier<ProducerResolver> producers)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.producers = producers;
    }

    /** A supplier Spark can ship. */
    interface SerializableSupplier<T>
            extends Supplier<T>, Serializable
    {
    }

    /** Whether a dataset's rows name an enterprise to resolve: a batch's producer, a list's enterprise. */
    static boolean namesProducers(SourceDataset dataset)
    {
        return dataset.columnNames().contains("match");
    }

    private static String nameColumn(SourceDataset dataset)
    {
        return dataset.columnNames().contains("producer_name") ? "producer_name" : "name";
    }

    void complete(FieldMapping mapping, List<String> fields, String[] raw, List<String> normalisations)
    {
        if (!mapping.foreign()) {
            return;
        }
        List<String> names = dataset.columnNames();
        if (names.contains("county_code") && blank(raw[dataset.columnIndex("county_code")])) {
            for (String text : mapping.placeTexts(fields)) {
                AddressResolver.Found found = reference.addresses().resolve(text);
                if (found.place() == AddressResolver.Place.COUNTY) {
                    raw[dataset.columnIndex("county_code")] = found.countyCode();
                    break;
                }
            }
        }
        if (names.contains("industry_code")) {
            int column = dataset.columnIndex("industry_code");
            String value = raw[column];
            if (!blank(value) && reference.industries().resolve(value.strip()).isEmpty()) {
                reference.industryCodeOfName(value).ifPresent(code -> {
                    raw[column] = code;
                    normalisations.add(INDUSTRY + " industry_code");
                });
            }
        }
        if (namesProducers(dataset)) {
            resolveProducer(mapping, raw);
        }
    }

    private void resolveProducer(FieldMapping mapping, String[] raw)
    {
        int code = dataset.columnIndex("credit_code");
        int county = dataset.columnNames().contains("county_code") ? dataset.columnIndex("county_code") : -1;
        int match = dataset.columnIndex("match");
        if (!blank(raw[code])) {
            raw[match] = ProducerResolver.Match.GIVEN.id();
        }
        else {
            if (producers == null) {
                throw new IllegalStateException("no producer register for " + dataset.tableName());
            }
            String address = dataset.columnNames().contains("producer_address") ? raw[dataset.columnIndex("producer_address")] : null;
            ProducerResolver.Resolution resolution = producers.get().resolve(raw[dataset.columnIndex(nameColumn(dataset))], address);
            raw[code] = resolution.code();
            if (county >= 0 && (blank(raw[county]) || resolution.match().resolved())) {
                raw[county] = resolution.county();
            }
            raw[match] = resolution.match().id();
        }
        if (dataset.columnNames().contains("in_province")) {
            boolean outside = ProducerResolver.Match.OUTSIDE.id().equals(raw[match]);
            raw[dataset.columnIndex("in_province")] = outside && !mapping.outsideInProvince() ? DomainValues.FALSE : DomainValues.TRUE;
        }
    }

    private static boolean blank(String value)
    {
        return value == null || value.isBlank();
    }
}
