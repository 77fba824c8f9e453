package org.zhijian.indicators.credit;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;
import org.zhijian.indicators.Facts;
import org.zhijian.indicators.IndicatorCatalogue;

import static java.util.Objects.requireNonNullElse;

/**
 * conf/credit_scorecard.yaml: the enterprise quality credit scorecard. Loaded strictly and
 * checked whole (grades descending, rules over flow or stock facts, points and caps of one sign).
 */
public record CreditScorecard(
        @JsonProperty("base") double base,
        @JsonProperty("window_months") int windowMonths,
        @JsonProperty("grades") List<Grade> grades,
        @JsonProperty("rules") List<Rule> rules)
{
    public CreditScorecard
    {
        grades = List.copyOf(requireNonNullElse(grades, List.of()));
        rules = List.copyOf(requireNonNullElse(rules, List.of()));
    }

    /** A grade and the lowest score that earns it. */
    public record Grade(@JsonProperty("grade") String grade, @JsonProperty("min") double min) {}

    /** Points per matching record of a fact table, capped. */
    public record Rule(
            @JsonProperty("id") String id,
            @JsonProperty("name") IndicatorCatalogue.Text name,
            @JsonProperty("facts") String facts,
            @JsonProperty("where") String where,
            @JsonProperty("points") double points,
            @JsonProperty("cap") double cap,
            @JsonProperty("forces") String forces,
            @JsonProperty("evidence") String evidence,
            @JsonProperty("timing") Facts.Timing timing)
    {
        public Rule
        {
            where = where == null || where.isBlank() ? "true" : where;
        }

        /** The fact table the rule counts records of. */
        public String source()
        {
            return facts;
        }

        /** The points of {@code count} matching records, capped. */
        public double points(long count)
        {
            double total = points * count;
            return points < 0 ? Math.max(total, cap) : Math.min(total, cap);
        }
    }

    /** The grade of a score: the first whose minimum it reaches (the last grade otherwise). */
    public String grade(double score, boolean forced)
    {
        if (forced) {
            return grades.get(grades.size() - 1).grade();
        }
        for (Grade grade : grades) {
            if (score >= grade.min()) {
                return grade.grade();
            }
        }
        return grades.get(grades.size() - 1).grade();
    }

    /** base + points, within 0–100. */
    public double score(double points)
    {
        return Math.max(0, Math.min(100, base + points));
    }

    /** conf/credit_scorecard.yaml over the facts of conf/facts beside it. */
    public static CreditScorecard load(Path file)
    {
        return load(file, Facts.load(file.toAbsolutePath().getParent()));
    }

    public static CreditScorecard load(Path file, Facts facts)
    {
        CreditScorecard scorecard = YamlFiles.read(file, CreditScorecard.class);
        if (scorecard == null) {
            throw new ConfigException(file + ": is empty");
        }
        scorecard.check(file, facts);
        // Each rule carries its fact's timing, which says how a year takes the fact's records.
        return new CreditScorecard(scorecard.base(), scorecard.windowMonths(), scorecard.grades(), scorecard.rules().stream()
                .map(rule -> new Rule(rule.id(), rule.name(), rule.facts(), rule.where(), rule.points(), rule.cap(), rule.forces(), rule.evidence(),
                        facts.find(rule.facts()).orElseThrow().timing())).toList());
    }

    private void check(Path file, Facts catalogue)
    {
        if (windowMonths < 1 || windowMonths > 120) {
            throw new ConfigException(file + ": window_months must be 1–120, not " + windowMonths);
        }
        if (grades.size() < 2) {
            throw new ConfigException(file + ": needs at least two grades");
        }
        for (int i = 1; i < grades.size(); i++) {
            if (grades.get(i).min() >= grades.get(i - 1).min()) {
                throw new ConfigException(file + ": grades must be listed from the highest min down (" + grades.get(i).grade() + " after " + grades.get(i - 1).grade() + ")");
            }
        }
        if (rules.isEmpty()) {
            throw new ConfigException(file + ": lists no rules");
        }
        Set<String> ids = new HashSet<>();
        String lowest = grades.get(grades.size() - 1).grade();
        for (Rule rule : rules) {
            String where = file + ": rule " + rule.id() + ": ";
            if (rule.id() == null || !rule.id().matches("[a-z][a-z0-9_]*") || !ids.add(rule.id())) {
                throw new ConfigException(file + ": rule id '" + rule.id() + "' must be lower_snake_case and unique");
            }
            if (rule.name() == null || rule.evidence() == null) {
                throw new ConfigException(where + "needs name (zh and en) and evidence");
            }
            if (rule.timing() != null) {
                throw new ConfigException(where + "timing is the fact's (conf/facts/" + rule.facts() + ".yaml), not the rule's");
            }
            Facts.Fact facts = catalogue.measurable(String.valueOf(rule.facts()), where);
            if (facts.timing() != Facts.Timing.FLOW && facts.timing() != Facts.Timing.STOCK) {
                throw new ConfigException(where + "facts must be a flow or stock fact table, not " + facts.id());
            }
            if (rule.points() == 0 || Math.signum(rule.points()) != Math.signum(rule.cap())) {
                throw new ConfigException(where + "points and cap must be non-zero and of one sign");
            }
            if (rule.forces() != null && !rule.forces().equals(lowest)) {
                throw new ConfigException(where + "forces: can only name the lowest grade, " + lowest);
            }
        }
    }
}
