package org.zhijian.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.ZhijianException;
import org.zhijian.reference.CreditCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's producer_map.csv as `export --table review.producers --out producer_map.csv` writes it and a person fills it in. */
class TestProducerMap
{
    private static final String CODE = CreditCode.forEnterprise("330784", "MA28A011");

    @Test
    void theExportedReviewFilledInIsReadAndUnansweredLinesAreSkipped(@TempDir Path directory)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve(ProducerMap.FILE_NAME), "\uFEFFproducer_name,producer_address,credit_code,candidate_1_code\n"
                + "永康市恒达五金厂,浙江省永康市," + CODE.toLowerCase(java.util.Locale.ROOT) + "," + CODE + "\n"
                + "某某电器有限公司,温州市,,\n\n", StandardCharsets.UTF_8);
        List<ProducerMap.Line> lines = ProducerMap.load(List.of(directory.resolve("absent.csv"), file));
        assertThat(lines).extracting(ProducerMap.Line::line, line -> line.mapping().name(), line -> line.mapping().address(), line -> line.mapping().code())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "永康市恒达五金厂", "浙江省永康市", CODE));
    }

    @Test
    void aLineWithABadCodeOrAFileWithoutTheColumnsFailsNamingFileAndLine(@TempDir Path directory)
            throws IOException
    {
        Path bad = Files.writeString(directory.resolve("a.csv"), "生产者名称,统一社会信用代码\n恒达,91330784MA28A0119X\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProducerMap.load(List.of(bad))).isInstanceOf(ZhijianException.class)
                .hasMessage(bad + ": line 2: credit_code '91330784MA28A0119X' is not a valid unified social credit code (GB 32100)");
        Path huge = directory.resolve("c.csv");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(ProducerMap.MAX_BYTES + 1);
        }
        assertThatThrownBy(() -> ProducerMap.load(List.of(huge))).isInstanceOf(ZhijianException.class).hasMessageStartingWith(huge + ": the producer map is 16 MB, more than 16 MB");
        Path headless = Files.writeString(directory.resolve("b.csv"), "企业,代码\n恒达," + CODE + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ProducerMap.load(List.of(headless))).isInstanceOf(ZhijianException.class)
                .hasMessageStartingWith(headless + ": line 1: the header needs name (生产者名称) and credit_code (统一社会信用代码)");
    }
}
