package org.zhijian.export;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.Count;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.ZhijianException;
import org.zhijian.ingest.StagedSchema;

import static scala.jdk.javaapi.CollectionConverters.asJava;

/**
 * Which exported columns hold personal data, and how they are masked: names keep their first
 * character (张**), phone numbers their first three and last four digits (138****5678).
 * A column is personal when the lake marks it so, when it is named like a personal column
 * (legal_rep, phone, and those conf adds), or when it renames one; a query that computes
 * anything but a count from a personal column is refused (an unmasked export skips this check).
 */
public final class PersonalData
{
    private final Set<String> names;

    public PersonalData(List<String> configured)
    {
        Set<String> all = new HashSet<>(Set.of("legal_rep", "phone"));
        configured.forEach(name -> all.add(name.toLowerCase(Locale.ROOT)));
        this.names = all;
    }

    /** The indexes of the result's personal columns; throws when personal data is computed into other columns. */
    public Set<Integer> columns(LogicalPlan analyzed, StructType schema)
    {
        Set<String> personal = new HashSet<>(names);
        collect(analyzed, personal);
        Set<Integer> result = new java.util.TreeSet<>();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            boolean marked = fields[i].metadata().contains(StagedSchema.PERSONAL) && fields[i].metadata().getBoolean(StagedSchema.PERSONAL);
            if (marked || personal.contains(fields[i].name().toLowerCase(Locale.ROOT))) {
                result.add(i);
            }
        }
        return result;
    }

    private void collect(LogicalPlan plan, Set<String> personal)
    {
        for (LogicalPlan child : asJava(plan.children())) {
            collect(child, personal);
        }
        List<NamedExpression> outputs;
        if (plan instanceof Project project) {
            outputs = asJava(project.projectList());
        }
        else if (plan instanceof Aggregate aggregate) {
            outputs = asJava(aggregate.aggregateExpressions());
        }
        else {
            return;
        }
        for (NamedExpression output : outputs) {
            if (!(output instanceof Alias alias)) {
                continue;
            }
            Expression child = alias.child();
            while (child instanceof Cast cast) {
                child = cast.child();
            }
            if (child instanceof Attribute attribute && personal.contains(attribute.name().toLowerCase(Locale.ROOT))) {
                personal.add(alias.name().toLowerCase(Locale.ROOT));
            }
            else if (!isCount(child) && usesPersonal(child, personal)) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "refused: column " + alias.name()
                        + " is computed from personal data; export the personal column itself (it is masked) or use --unmask where conf allows it");
            }
        }
    }

    private static boolean isCount(Expression expression)
    {
        return expression instanceof AggregateExpression aggregate && aggregate.aggregateFunction() instanceof Count;
    }

    private static boolean usesPersonal(Expression expression, Set<String> personal)
    {
        for (Attribute attribute : asJava(expression.references().toSeq())) {
            if (personal.contains(attribute.name().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Masks one value of a personal column: a phone keeps its first 3 and last 4 characters, anything else its first character. */
    public static String mask(String column, String value)
    {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String lower = column.toLowerCase(Locale.ROOT);
        if (lower.contains("phone") || lower.contains("mobile") || lower.contains("tel")) {
            if (value.length() <= 7) {
                return "*".repeat(value.length());
            }
            return value.substring(0, 3) + "****" + value.substring(value.length() - 4);
        }
        return value.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "**";
    }
}
