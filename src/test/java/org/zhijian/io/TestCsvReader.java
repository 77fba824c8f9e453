package org.zhijian.io;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestCsvReader
{
    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        List<CsvRecord> records = read("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n3,,\n");
        assertThat(records).hasSize(4);
        assertThat(records.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(records.get(1).fields()).containsExactly("1", "x, y", "say \"hi\"");
        assertThat(records.get(2).fields()).containsExactly("2", "two\nlines", "z");
        assertThat(records.get(2).line()).isEqualTo(3);
        // The record after a two-line record starts on line 5.
        assertThat(records.get(3).line()).isEqualTo(5);
        assertThat(records.get(3).fields()).containsExactly("3", "", "");
    }

    @Test
    void keepsTheOriginalText()
    {
        List<CsvRecord> records = read("1,\"a,b\"\n");
        assertThat(records.get(0).text()).isEqualTo("1,\"a,b\"");
    }

    @Test
    void readsLastLineWithoutTerminatorAndOldMacLineEnds()
    {
        assertThat(read("a\rb\rc")).extracting(record -> record.field(0)).containsExactly("a", "b", "c");
        assertThat(read("")).isEmpty();
    }

    @Test
    void writerOutputReadsBack()
            throws Exception
    {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = new CsvWriter(text, "\r\n")) {
            writer.write(List.of("plain", "with,comma", "with \"quote\"", "two\nlines", ""));
        }
        assertThat(read(text.toString()).get(0).fields()).containsExactly("plain", "with,comma", "with \"quote\"", "two\nlines", "");
    }

    private static List<CsvRecord> read(String text)
    {
        List<CsvRecord> records = new ArrayList<>();
        new CsvReader(new StringReader(text)).forEachRemaining(records::add);
        return records;
    }
}
