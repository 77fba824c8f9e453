package org.zhijian.export;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.zhijian.ZhijianException;
import scala.Tuple2;

import static scala.jdk.javaapi.CollectionConverters.asJava;

/**
 * Decides from Spark's parsed plan — not from the text — whether a query may be exported: one
 * read-only query (SELECT, WITH, set operations) over lake tables only. Commands of every kind
 * (DDL, INSERT, SET, ADD JAR, CACHE, EXPLAIN, SHOW, …), several statements, file-path relations
 * such as {@code parquet.`/path`}, table-valued functions and the reflective functions
 * ({@code reflect}, {@code java_method}, {@code try_reflect}) are refused with one line.
 */
public final class QueryGuard
{
    private static final Set<String> REFLECTIVE = Set.of("reflect", "java_method", "try_reflect");
    private static final Set<String> FILE_FORMATS = Set.of("parquet", "csv", "json", "orc", "text", "avro", "binaryfile", "jdbc", "delta", "xml", "hive");

    private QueryGuard() {}

    /** Checks a query; returns the lake tables it reads (as layer.table), or throws a usage error. */
    public static Set<String> check(SparkSession spark, String sql, Set<String> views)
    {
        String text = normalized(sql);
        if (text.isEmpty()) {
            throw refuse("the query is empty");
        }
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(text);
        }
        catch (ParseException e) {
            if (text.contains(";")) {
                throw refuse("several statements are not allowed; export one query at a time");
            }
            throw refuse("the query is not valid SQL: " + firstLine(e.getMessage()));
        }
        Set<String> tables = new TreeSet<>();
        visit(plan, new HashSet<>(), views, tables);
        return tables;
    }

    /** The query with trailing semicolons removed, as Spark should run it. */
    public static String normalized(String sql)
    {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    private static void visit(LogicalPlan plan, Set<String> cteNames, Set<String> views, Set<String> tables)
    {
        if (plan instanceof Command || plan instanceof ParsedStatement || plan instanceof InsertIntoStatement) {
            throw refuse("only read-only queries (SELECT or WITH) can be exported; this is " + describe(plan));
        }
        if (plan instanceof UnresolvedTableValuedFunction function) {
            throw refuse("table-valued functions are not allowed (" + String.join(".", asJava(function.name())) + "); query lake tables by name");
        }
        if (plan instanceof UnresolvedWith with) {
            for (Tuple2<String, ?> cte : asJava(with.cteRelations())) {
                cteNames.add(cte._1().toLowerCase(Locale.ROOT));
            }
        }
        if (plan instanceof UnresolvedRelation relation) {
            checkRelation(asJava(relation.multipartIdentifier()), cteNames, views, tables);
        }
        for (Expression expression : asJava(plan.expressions())) {
            visit(expression, cteNames, views, tables);
        }
        for (LogicalPlan child : asJava(plan.children())) {
            visit(child, cteNames, views, tables);
        }
        for (Object inner : asJava(plan.innerChildren())) {
            if (inner instanceof LogicalPlan innerPlan) {
                visit(innerPlan, cteNames, views, tables);
            }
        }
    }

    private static void visit(Expression expression, Set<String> cteNames, Set<String> views, Set<String> tables)
    {
        if (expression instanceof UnresolvedFunction function) {
            List<String> parts = asJava(function.nameParts());
            String name = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
            if (REFLECTIVE.contains(name)) {
                throw refuse("the function " + name + " is not allowed in exports (it calls Java methods)");
            }
        }
        if (expression instanceof SubqueryExpression subquery) {
            visit(subquery.plan(), cteNames, views, tables);
        }
        for (Expression child : asJava(expression.children())) {
            visit(child, cteNames, views, tables);
        }
    }

    private static void checkRelation(List<String> parts, Set<String> cteNames, Set<String> views, Set<String> tables)
    {
        String name = String.join(".", parts).toLowerCase(Locale.ROOT);
        if (parts.size() == 1 && cteNames.contains(name)) {
            return;
        }
        if (views.contains(name)) {
            tables.add(name);
            return;
        }
        if (parts.size() == 2 && (FILE_FORMATS.contains(parts.get(0).toLowerCase(Locale.ROOT)) || parts.get(1).contains("/"))) {
            throw refuse("file paths cannot be queried (" + parts.get(0) + ".`" + parts.get(1) + "`); query lake tables by name");
        }
        throw refuse("there is no lake table " + String.join(".", parts) + "; `zhijian lake` lists the tables (layer.table, e.g. staged.inspections)");
    }

    private static String describe(LogicalPlan plan)
    {
        String name = plan.nodeName();
        return name.endsWith("Command") ? name.substring(0, name.length() - "Command".length()) : name;
    }

    /** The first line of a message, for one-line errors. */
    static String firstLine(String message)
    {
        String line = message == null ? "" : message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }

    private static ZhijianException refuse(String message)
    {
        return new ZhijianException(ZhijianException.Code.USAGE, "refused: " + message);
    }
}
