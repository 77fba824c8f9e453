package org.zhijian.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of docs/ARCHITECTURE.md that a scan of the sources can hold. */
class TestPackageRules
{
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "zhijian");
    /** Who may use POI and JFreeChart: rendering, export writing, raw workbook reading (with a notice's merged cells), sample workbook writing. */
    private static final Set<String> OFFICE = Set.of("report/", "export/XlsxExportWriter.java", "ingest/XlsxSheetReader.java", "ingest/XlsSheetReader.java",
            "ingest/MergedCells.java", "generate/XlsxRowSink.java", "generate/BureauFiles.java");

    @Test
    void poiAndJFreeChartStayInTheRenderingAndFilePackages()
            throws IOException
    {
        assertThat(offenders(line -> line.startsWith("import org.apache.poi") || line.startsWith("import org.jfree"), OFFICE)).isEmpty();
    }

    @Test
    void onlyTheLakePackageReadsOrWritesParquetByPathOrBuildsLakePaths()
            throws IOException
    {
        assertThat(offenders(line -> line.contains(".parquet(") || line.contains("lake.root(), ") || line.contains("new Path(lake.root()"), Set.of("lake/"))).isEmpty();
    }

    @Test
    void sparkSessionsAreOpenedInOnePlace()
            throws IOException
    {
        assertThat(offenders(line -> line.contains("SparkSession.builder()"), Set.of("spark/SparkSessions.java"))).isEmpty();
    }

    private interface LineRule
    {
        boolean matches(String line);
    }

    private static List<String> offenders(LineRule rule, Set<String> allowed)
            throws IOException
    {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String relative = SOURCES.relativize(file).toString().replace('\\', '/');
                if (allowed.stream().anyMatch(relative::startsWith)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (rule.matches(lines.get(i).strip())) {
                        offenders.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        return offenders;
    }
}
