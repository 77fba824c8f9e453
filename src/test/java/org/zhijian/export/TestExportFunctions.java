package org.zhijian.export;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The function list is complete for this Spark, and refuses what must never run. */
class TestExportFunctions
{
    @Test
    void everyBuiltInFunctionIsAllowedOrRefusedByName()
    {
        ExportFunctions functions = ExportFunctions.get();
        Set<String> unlisted = new TreeSet<>(ExportFunctions.builtins());
        unlisted.removeAll(functions.allowed());
        unlisted.removeAll(functions.refused());
        assertThat(unlisted).as("built-in functions on neither list of functions.txt: add each to allow or refuse").isEmpty();
        Set<String> stale = new TreeSet<>(functions.allowed());
        stale.addAll(functions.refused());
        stale.removeAll(ExportFunctions.builtins());
        assertThat(stale).as("names in functions.txt that this Spark does not have").isEmpty();
    }

    @Test
    void javaCallsFileReadsErrorsAndTheMachineAreRefused()
    {
        ExportFunctions functions = ExportFunctions.get();
        for (String name : Set.of("reflect", "java_method", "try_reflect", "assert_true", "raise_error", "input_file_name", "current_user",
                "from_protobuf", "xpath", "aes_decrypt")) {
            assertThat(functions.allows(name)).as(name).isFalse();
            assertThat(functions.refusal(name)).as(name).isNotBlank();
        }
        assertThat(functions.allows("no_such_function")).isFalse();
        assertThat(functions.refusal("no_such_function")).contains("not one of the built-in functions");
        assertThat(functions.allows("SUM")).isTrue();
        // Operators reach the parsed plan as the classes of allowed functions.
        assertThat(functions.allowedClasses()).contains("org.apache.spark.sql.catalyst.expressions.Add", "org.apache.spark.sql.catalyst.expressions.Like",
                "org.apache.spark.sql.catalyst.expressions.CaseWhen", "org.apache.spark.sql.catalyst.expressions.Cast");
        assertThat(functions.allowedClasses()).doesNotContain("org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection");
    }
}
