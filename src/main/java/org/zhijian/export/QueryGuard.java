package org.zhijian.export;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.NamedParameter;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.PosParameter;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAlias;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedExtractValue;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedHaving;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.expressions.UnresolvedNamedLambdaVariable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedOrdinal;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRegex;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Cube;
import org.apache.spark.sql.catalyst.expressions.Exists;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GroupingSets;
import org.apache.spark.sql.catalyst.expressions.InSubquery;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.expressions.LateralSubquery;
import org.apache.spark.sql.catalyst.expressions.LikeAll;
import org.apache.spark.sql.catalyst.expressions.LikeAny;
import org.apache.spark.sql.catalyst.expressions.ListQuery;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NotLikeAll;
import org.apache.spark.sql.catalyst.expressions.NotLikeAny;
import org.apache.spark.sql.catalyst.expressions.Rollup;
import org.apache.spark.sql.catalyst.expressions.ScalarSubquery;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.expressions.SpecifiedWindowFrame;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UnresolvedWindowExpression;
import org.apache.spark.sql.catalyst.expressions.WindowExpression;
import org.apache.spark.sql.catalyst.expressions.WindowSpecDefinition;
import org.apache.spark.sql.catalyst.expressions.WindowSpecReference;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationDef;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.Deduplicate;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Except;
import org.apache.spark.sql.catalyst.plans.logical.Expand;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Intersect;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LateralJoin;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Pivot;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.RepartitionByExpression;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.Unpivot;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.catalyst.plans.logical.Window;
import org.apache.spark.sql.catalyst.plans.logical.WithCTE;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.zhijian.Messages;
import org.zhijian.ZhijianException;
import scala.Tuple2;

import static scala.jdk.javaapi.CollectionConverters.asJava;

/**
 * Decides from Spark's plans — never from the text — whether a query may be exported, by
 * allowing what is known to be a read and refusing everything else:
 * <ol>
 * <li>the parsed plan may hold only read-only operators ({@link #PARSED_PLANS}), expressions of
 * known kinds ({@link #STRUCTURAL} and the classes of allowed functions) and calls of the
 * functions {@link ExportFunctions} allows; relations must be lake tables by name or CTEs.
 * Commands, {@code INSERT … DIRECTORY}, {@code EXECUTE IMMEDIATE}, {@code IDENTIFIER(…)},
 * parameter markers, hints, file paths and table-valued functions fall outside and are refused;
 * <li>after analysis, the plan may hold only read-only operators ({@link #ANALYZED_PLANS}) and
 * its files must be exactly the snapshot's table version folders.
 * </ol>
 * The caller executes the checked plan itself, never the text again.
 */
public final class QueryGuard
{
    /** Operators a parsed query may use. */
    static final Set<Class<?>> PARSED_PLANS = Set.of(
            Project.class, Filter.class, Aggregate.class, UnresolvedHaving.class, Join.class, LateralJoin.class,
            Union.class, Intersect.class, Except.class, Distinct.class, Sort.class, GlobalLimit.class, LocalLimit.class, Offset.class,
            OneRowRelation.class, LocalRelation.class, UnresolvedInlineTable.class, WithWindowDefinition.class, Generate.class, Sample.class,
            Pivot.class, Unpivot.class, SubqueryAlias.class, UnresolvedSubqueryColumnAliases.class, UnresolvedWith.class,
            UnresolvedRelation.class, RepartitionByExpression.class);

    /** Operators an analyzed query may hold: the parsed ones resolved, views and the lake's files. */
    static final Set<Class<?>> ANALYZED_PLANS = Set.of(
            Project.class, Filter.class, Aggregate.class, Join.class, LateralJoin.class, Union.class, Intersect.class, Except.class,
            Distinct.class, Deduplicate.class, Sort.class, GlobalLimit.class, LocalLimit.class, Offset.class, OneRowRelation.class,
            LocalRelation.class, Window.class, Generate.class, Sample.class, Expand.class, SubqueryAlias.class, View.class,
            WithCTE.class, CTERelationDef.class, CTERelationRef.class, RepartitionByExpression.class, LogicalRelation.class);

    /** Expressions that are syntax rather than function calls: names, literals, subqueries, windows, lambdas, grouping. */
    static final Set<String> STRUCTURAL = classNames(
            Alias.class, Literal.class, SortOrder.class, AttributeReference.class, UnresolvedAttribute.class, UnresolvedStar.class,
            UnresolvedAlias.class, UnresolvedExtractValue.class, UnresolvedFunction.class, UnresolvedGenerator.class,
            UnresolvedWindowExpression.class, WindowExpression.class, WindowSpecDefinition.class, WindowSpecReference.class,
            SpecifiedWindowFrame.class, Exists.class, InSubquery.class, ListQuery.class, ScalarSubquery.class, LateralSubquery.class,
            LambdaFunction.class, UnresolvedNamedLambdaVariable.class, Cube.class, Rollup.class, GroupingSets.class,
            LikeAny.class, LikeAll.class, NotLikeAny.class, NotLikeAll.class, UnresolvedOrdinal.class, UnresolvedRegex.class,
            org.apache.spark.sql.catalyst.analysis.UnresolvedStarExceptOrReplace.class);

    /** Scala objects: window frame bounds ({@code UNBOUNDED PRECEDING}, {@code CURRENT ROW}, …) and struct(*)'s names. */
    private static final Set<String> SCALA_OBJECTS = Set.of("org.apache.spark.sql.catalyst.expressions.NamePlaceholder$",
            "org.apache.spark.sql.catalyst.expressions.UnboundedPreceding$", "org.apache.spark.sql.catalyst.expressions.UnboundedFollowing$",
            "org.apache.spark.sql.catalyst.expressions.CurrentRow$", "org.apache.spark.sql.catalyst.expressions.UnspecifiedFrame$");

    /** A query that passed the parsed-plan check: the plan to execute and the lake tables it reads (layer.table). */
    public record Checked(LogicalPlan plan, Set<String> tables) {}

    private QueryGuard() {}

    /** Checks a query's parsed plan; returns it with the lake tables it reads, or throws a usage error naming what was refused. */
    public static Checked check(SparkSession spark, String sql, Set<String> views)
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
            throw refuse("the query is not valid SQL: " + Messages.firstLine(e.getMessage()));
        }
        Set<String> tables = new TreeSet<>();
        new ParsedCheck(views, tables).visit(plan, Set.of());
        return new Checked(plan, tables);
    }

    /**
     * Checks an analyzed plan: only read-only operators, and every file it reads lies in one of
     * {@code locations} — the snapshot's table version folders, fully qualified and normalised.
     */
    public static void checkAnalyzed(LogicalPlan analyzed, Set<String> locations)
    {
        if (!ANALYZED_PLANS.contains(analyzed.getClass())) {
            throw refuse("the query would run " + describe(analyzed) + ", which exports do not allow");
        }
        if (analyzed instanceof LogicalRelation relation) {
            if (!(relation.relation() instanceof HadoopFsRelation files)) {
                throw refuse("the query reads " + relation.relation().getClass().getSimpleName() + ", not a lake table");
            }
            for (org.apache.hadoop.fs.Path path : asJava(files.location().rootPaths())) {
                if (!locations.contains(normalizedLocation(path))) {
                    throw refuse("the query reads " + path + ", which is not a table of the lake's snapshot");
                }
            }
        }
        for (Expression expression : asJava(analyzed.expressions())) {
            checkAnalyzedSubqueries(expression, locations);
        }
        for (LogicalPlan child : asJava(analyzed.children())) {
            checkAnalyzed(child, locations);
        }
        for (Object inner : asJava(analyzed.innerChildren())) {
            if (inner instanceof LogicalPlan innerPlan) {
                checkAnalyzed(innerPlan, locations);
            }
        }
    }

    private static void checkAnalyzedSubqueries(Expression expression, Set<String> locations)
    {
        if (expression instanceof SubqueryExpression subquery) {
            checkAnalyzed(subquery.plan(), locations);
        }
        for (Expression child : asJava(expression.children())) {
            checkAnalyzedSubqueries(child, locations);
        }
    }

    /** A location as the analyzed-plan check compares it: scheme, authority and the normalised path without a trailing slash. */
    public static String normalizedLocation(org.apache.hadoop.fs.Path path)
    {
        java.net.URI uri = path.toUri().normalize();
        String location = uri.getPath() == null ? "" : uri.getPath();
        while (location.endsWith("/") && location.length() > 1) {
            location = location.substring(0, location.length() - 1);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
        return scheme + "://" + authority + location;
    }

    /** The query with trailing semicolons removed. */
    public static String normalized(String sql)
    {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    /** The walk over a parsed plan, with the CTE names in scope. */
    private record ParsedCheck(Set<String> views, Set<String> tables)
    {
        void visit(LogicalPlan plan, Set<String> ctes)
        {
            if (plan instanceof PlanWithUnresolvedIdentifier) {
                throw refuse("IDENTIFIER(...) is not allowed in exports; name lake tables directly");
            }
            if (plan instanceof UnresolvedTableValuedFunction function) {
                throw refuse("table-valued functions are not allowed (" + String.join(".", asJava(function.name())) + "); query lake tables by name");
            }
            if (plan instanceof Command) {
                throw refuse("only read-only queries (SELECT or WITH) can be exported; this is " + describe(plan));
            }
            if (!PARSED_PLANS.contains(plan.getClass())) {
                throw refuse("only read-only queries (SELECT or WITH) can be exported; " + describe(plan) + " is not allowed");
            }
            Set<String> scope = ctes;
            if (plan instanceof UnresolvedWith with) {
                scope = new HashSet<>(ctes);
                for (Tuple2<String, ?> cte : asJava(with.cteRelations())) {
                    scope.add(cte._1().toLowerCase(Locale.ROOT));
                }
            }
            if (plan instanceof UnresolvedRelation relation) {
                relation(relation, scope);
            }
            if (plan instanceof Generate generate && generate.generator() instanceof UnresolvedGenerator generator) {
                function(asJava(generator.name().nameParts()));
            }
            for (Expression expression : asJava(plan.expressions())) {
                visit(expression, scope);
            }
            for (LogicalPlan child : asJava(plan.children())) {
                visit(child, scope);
            }
            for (Object inner : asJava(plan.innerChildren())) {
                if (inner instanceof LogicalPlan innerPlan) {
                    visit(innerPlan, scope);
                }
            }
        }

        void visit(Expression expression, Set<String> ctes)
        {
            String type = expression.getClass().getName();
            if (expression instanceof ExpressionWithUnresolvedIdentifier) {
                throw refuse("IDENTIFIER(...) is not allowed in exports; call functions by name");
            }
            if (expression instanceof NamedParameter || expression instanceof PosParameter) {
                throw refuse("parameter markers (:name, ?) are not allowed; write the values into the query");
            }
            if (expression instanceof UnresolvedFunction function) {
                function(asJava(function.nameParts()));
            }
            else if (!STRUCTURAL.contains(type) && !SCALA_OBJECTS.contains(type) && !ExportFunctions.get().allowedClasses().contains(type)) {
                throw refuse("the expression " + expression.nodeName() + " is not allowed in exports");
            }
            if (expression instanceof SubqueryExpression subquery) {
                visit(subquery.plan(), ctes);
            }
            for (Expression child : asJava(expression.children())) {
                visit(child, ctes);
            }
        }

        private void function(List<String> parts)
        {
            String name = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
            if (parts.size() != 1) {
                throw refuse("the function " + String.join(".", parts) + " is not allowed: exports call built-in functions by their plain name");
            }
            if (!ExportFunctions.get().allows(name)) {
                throw refuse("the function " + name + " is not allowed in exports (" + ExportFunctions.get().refusal(name) + ")");
            }
        }

        private void relation(UnresolvedRelation relation, Set<String> ctes)
        {
            List<String> parts = asJava(relation.multipartIdentifier());
            String name = String.join(".", parts).toLowerCase(Locale.ROOT);
            if (relation.isStreaming() || !relation.options().isEmpty()) {
                throw refuse("options and streams are not allowed on " + String.join(".", parts));
            }
            if (parts.size() == 1 && ctes.contains(name)) {
                return;
            }
            if (parts.size() == 2 && views.contains(name)) {
                tables.add(name);
                return;
            }
            if (parts.size() == 2 && (parts.get(1).contains("/") || parts.get(1).contains(":"))) {
                throw refuse("file paths cannot be queried (" + parts.get(0) + ".`" + parts.get(1) + "`); query lake tables by name");
            }
            throw refuse("there is no lake table " + String.join(".", parts) + "; `zhijian lake` lists the tables (layer.table, e.g. staged.inspections)");
        }
    }

    private static Set<String> classNames(Class<?>... classes)
    {
        Set<String> names = new HashSet<>();
        for (Class<?> type : classes) {
            names.add(type.getName());
        }
        return Set.copyOf(names);
    }

    private static String describe(LogicalPlan plan)
    {
        String name = plan.nodeName();
        return name.endsWith("Command") ? name.substring(0, name.length() - "Command".length()) : name;
    }

    private static ZhijianException refuse(String message)
    {
        return new ZhijianException(ZhijianException.Code.USAGE, "refused: " + message);
    }
}
