package org.zhijian.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;

import static scala.jdk.javaapi.CollectionConverters.asJava;

/**
 * The one list of functions an export query may call, read from {@code functions.txt} beside
 * this class: each of Spark's built-in functions is allowed or refused with a reason, and a name
 * on neither list is refused.
 */
public final class ExportFunctions
{
    private static final ExportFunctions INSTANCE = load();

    private final Set<String> allowed;
    private final Map<String, String> refused;
    private final Set<String> allowedClasses;

    private ExportFunctions(Set<String> allowed, Map<String, String> refused)
    {
        this.allowed = Collections.unmodifiableSet(allowed);
        this.refused = Collections.unmodifiableMap(refused);
        Set<String> classes = new TreeSet<>();
        FunctionRegistry registry = FunctionRegistry.builtin();
        for (String name : allowed) {
            Optional<ExpressionInfo> info = Optional.ofNullable(registry.lookupFunction(FunctionIdentifier.apply(name)).getOrElse(() -> null));
            info.map(ExpressionInfo::getClassName).ifPresent(classes::add);
        }
        this.allowedClasses = Collections.unmodifiableSet(classes);
    }

    public static ExportFunctions get()
    {
        return INSTANCE;
    }

    /** Whether a query may call the function. */
    public boolean allows(String name)
    {
        return allowed.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Why a function is refused: the list's reason, or that it is not on the list. */
    public String refusal(String name)
    {
        String reason = refused.get(name.toLowerCase(Locale.ROOT));
        return reason != null ? reason : "it is not one of the built-in functions exports may call";
    }

    public Set<String> allowed()
    {
        return allowed;
    }

    public Set<String> refused()
    {
        return refused.keySet();
    }

    /**
     * The expression classes that implement allowed functions — operators such as {@code +},
     * {@code LIKE} or {@code CASE} reach the parsed plan as these classes, not as function calls.
     */
    public Set<String> allowedClasses()
    {
        return allowedClasses;
    }

    /** The names of Spark's built-in functions, for the test that keeps the list complete. */
    public static Set<String> builtins()
    {
        Set<String> names = new TreeSet<>();
        for (FunctionIdentifier id : asJava(FunctionRegistry.builtin().listFunction())) {
            names.add(id.funcName().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static ExportFunctions load()
    {
        Set<String> allowed = new TreeSet<>();
        Map<String, String> refused = new TreeMap<>();
        try (InputStream input = ExportFunctions.class.getResourceAsStream("functions.txt")) {
            if (input == null) {
                throw new IllegalStateException("functions.txt is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 3);
                switch (parts[0]) {
                    case "allow" -> allowed.add(parts[1]);
                    case "refuse" -> refused.put(parts[1], parts.length > 2 ? parts[2] : "refused");
                    default -> throw new IllegalStateException("functions.txt: a line must start with allow or refuse: " + line);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> both = new TreeSet<>(allowed);
        both.retainAll(refused.keySet());
        if (!both.isEmpty()) {
            throw new IllegalStateException("functions.txt allows and refuses " + both);
        }
        return new ExportFunctions(allowed, refused);
    }
}
