package org.zhijian.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import static java.util.Objects.requireNonNull;

/**
 * A YAML file read as a tree that remembers where each value stands, for files people edit by
 * hand whose rules go beyond types (a distribution's parameters, a year within a horizon): every
 * error names the file, the line and the key, e.g. {@code baseline.yaml:14: assumptions[2].attrition:
 * sd must not be negative, not -0.1}.
 */
public final class YamlNodes
{
    private YamlNodes() {}

    /**
     * The YAML files of a folder of conf that holds one file per thing (datasets, facts, source
     * profiles), in name order; {@code what} says what a file describes, for the error when the
     * folder is missing.
     */
    public static List<Path> filesIn(Path directory, String what)
    {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(directory + " does not exist (" + what + ")");
        }
        try (java.util.stream.Stream<Path> listing = Files.list(directory)) {
            return listing.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        catch (IOException e) {
            throw new ConfigException("cannot list " + directory + ": " + e.getMessage());
        }
    }

    /** The document's top-level mapping. */
    public static Mapping load(Path file)
    {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + " does not exist");
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        }
        catch (MarkedYAMLException e) {
            throw new ConfigException(file + ":" + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        }
        catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException(file + ": the file is empty");
        }
        Value value = new Value(file, "", root);
        return value.mapping();
    }

    /** One value of the tree, with its file, key path and line. */
    public record Value(Path file, String path, Node node)
    {
        public Value
        {
            requireNonNull(file, "file is null");
            requireNonNull(node, "node is null");
        }

        public int line()
        {
            return node.getStartMark().getLine() + 1;
        }

        /** An error at this value: {@code file:line: path: message}. */
        public ConfigException error(String message)
        {
            return new ConfigException(file + ":" + line() + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        }

        public boolean isMapping()
        {
            return node instanceof MappingNode;
        }

        public boolean isSequence()
        {
            return node instanceof SequenceNode;
        }

        public boolean isScalar()
        {
            return node instanceof ScalarNode;
        }

        public Mapping mapping()
        {
            if (!(node instanceof MappingNode mapping)) {
                throw error("expected a mapping (key: value lines)");
            }
            Map<String, Value> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new Value(file, path, tuple.getKeyNode()).error("keys must be plain words");
                }
                if (entries.containsKey(key.getValue())) {
                    throw new Value(file, path, key).error("key '" + key.getValue() + "' appears twice");
                }
                entries.put(key.getValue(), new Value(file, child(key.getValue()), tuple.getValueNode()));
            }
            return new Mapping(this, entries);
        }

        public List<Value> sequence()
        {
            if (!(node instanceof SequenceNode sequence)) {
                throw error("expected a list");
            }
            List<Value> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(new Value(file, path + "[" + i + "]", sequence.getValue().get(i)));
            }
            return items;
        }

        public String text()
        {
            if (!(node instanceof ScalarNode scalar)) {
                throw error("expected a single value");
            }
            return scalar.getValue();
        }

        public double number()
        {
            String text = text();
            try {
                double value = Double.parseDouble(text.replace("_", ""));
                if (!Double.isFinite(value)) {
                    throw error("expected a finite number, not " + text);
                }
                return value;
            }
            catch (NumberFormatException e) {
                throw error("expected a number, not '" + text + "'");
            }
        }

        public long integer()
        {
            String text = text();
            try {
                return Long.parseLong(text.replace("_", ""));
            }
            catch (NumberFormatException e) {
                throw error("expected a whole number, not '" + text + "'");
            }
        }

        private String child(String key)
        {
            return path.isEmpty() ? key : path + "." + key;
        }
    }

    /** A mapping's entries in file order; {@link #done} rejects keys nobody asked for. */
    public static final class Mapping
    {
        private final Value self;
        private final Map<String, Value> entries;

        private Mapping(Value self, Map<String, Value> entries)
        {
            this.self = self;
            this.entries = entries;
        }

        public Value self()
        {
            return self;
        }

        public Set<String> keys()
        {
            return entries.keySet();
        }

        public Optional<Value> optional(String key)
        {
            Value value = entries.get(key);
            if (value != null && value.node() instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
                return Optional.empty();
            }
            return Optional.ofNullable(value);
        }

        public Value required(String key)
        {
            return optional(key).orElseThrow(() -> self.error("'" + key + "' is required"));
        }

        /** Fails on the first key that is not one of {@code allowed}, listing them. */
        public void done(Set<String> allowed)
        {
            for (Map.Entry<String, Value> entry : entries.entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    throw new Value(self.file(), self.path(), entry.getValue().node()).error("unknown key '" + entry.getKey() + "' (known here: "
                            + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }
    }
}
