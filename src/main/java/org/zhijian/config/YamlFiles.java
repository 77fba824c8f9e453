package org.zhijian.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a YAML file of conf/ strictly into records: an unknown key or a value of the wrong
 * type fails with the file, line and key path, and never with a stack trace.
 */
public final class YamlFiles
{
    private YamlFiles() {}

    /** The file's content, or null when the file holds no document. */
    public static <T> T read(Path file, Class<T> type)
    {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist");
        }
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        try (InputStream input = Files.newInputStream(file)) {
            return mapper.readValue(input, type);
        }
        catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(where(file, e.getLocation()) + ": unknown key '" + keyPath(e) + "' (known here: " + known + ")");
        }
        catch (JsonMappingException e) {
            throw new ConfigException(where(file, e.getLocation()) + ": bad value for '" + keyPath(e) + "': " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        catch (JsonProcessingException e) {
            throw new ConfigException(where(file, e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String where(Path file, JsonLocation location)
    {
        if (location == null || location.getLineNr() < 1) {
            return file.toString();
        }
        return file + ":" + location.getLineNr();
    }

    private static String keyPath(JsonMappingException e)
    {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
