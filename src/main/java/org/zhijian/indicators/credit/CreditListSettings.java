package org.zhijian.indicators.credit;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;

import static java.util.Objects.requireNonNullElse;

/** conf/credit_lists.yaml: the entry and exit rules of the red and black lists, loaded strictly. */
public record CreditListSettings(@JsonProperty("red") Red red, @JsonProperty("black") Black black)
{
    /** Grade {@code grade} in each of the last {@code years} years, with no failed batch and no case in them. */
    public record Red(@JsonProperty("grade") String grade, @JsonProperty("years") int years) {}

    /** Listed from a year graded one of {@code grades} or a case of one of {@code violations}, until {@code exitAfterMonths} after the latest. */
    public record Black(@JsonProperty("grades") List<String> grades, @JsonProperty("violations") List<String> violations,
            @JsonProperty("exit_after_months") int exitAfterMonths)
    {
        public Black
        {
            grades = List.copyOf(requireNonNullElse(grades, List.of()));
            violations = List.copyOf(requireNonNullElse(violations, List.of()));
        }
    }

    /** Loads and checks the file; grades must be grades of the scorecard. */
    public static CreditListSettings load(Path file, CreditScorecard scorecard)
    {
        CreditListSettings settings = YamlFiles.read(file, CreditListSettings.class);
        if (settings == null || settings.red() == null || settings.black() == null) {
            throw new ConfigException(file + ": needs red and black");
        }
        List<String> grades = scorecard.grades().stream().map(CreditScorecard.Grade::grade).toList();
        if (settings.red().grade() == null || !grades.contains(settings.red().grade())) {
            throw new ConfigException(file + ": red.grade must be one of the scorecard's grades " + grades + ", not " + settings.red().grade());
        }
        if (settings.red().years() < 1) {
            throw new ConfigException(file + ": red.years must be at least 1, not " + settings.red().years());
        }
        for (String grade : settings.black().grades()) {
            if (!grades.contains(grade)) {
                throw new ConfigException(file + ": black.grades: " + grade + " is not one of the scorecard's grades " + grades);
            }
        }
        if (settings.black().grades().contains(settings.red().grade())) {
            throw new ConfigException(file + ": grade " + settings.red().grade() + " cannot both earn the red list and put on the black one");
        }
        if (settings.black().grades().isEmpty() && settings.black().violations().isEmpty()) {
            throw new ConfigException(file + ": black needs grades or violations");
        }
        if (settings.black().exitAfterMonths() < 1) {
            throw new ConfigException(file + ": black.exit_after_months must be at least 1, not " + settings.black().exitAfterMonths());
        }
        return settings;
    }
}
