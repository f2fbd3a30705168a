package org.rcrt.localbus.agent.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.internal.Json;

/**
 * Builds the local event of one successful intercepted call from its arguments and return value, the way the SSE
 * lane would have described the same change.
 *
 * <ul>
 *   <li>create: the id from the return value (a String or UUID, an object or record with {@code id}/{@code getId()},
 *       a Map or JSON tree with {@code "id"}, a JSON string, an {@code HttpResponse} whose body is one of these);
 *       title, context, tags and schema name from the argument that carries them; version 1;</li>
 *   <li>update: the id from the arguments, the version from an If-Match-style argument (the new version is that
 *       plus one) or 0, "unknown", where there is none; the context etc. from the patch argument.</li>
 * </ul>
 * An event without an id is never emitted: one WARN per method names the method and the type it returned.
 */
public final class EventFactory {
    private static final Pattern VERSION_TEXT = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");
    private static final Pattern VERSION_PARAMETER = Pattern.compile("(?i).*(version|ifmatch|if_match|etag|expected).*");
    /** A parameter that names the breadcrumb exactly; failing that, any {@code ...Id} parameter (second choice). */
    private static final Pattern BREADCRUMB_ID_PARAMETER = Pattern.compile("(?i)(id|breadcrumbId|breadcrumb_id|bcId)");
    private static final Pattern SOME_ID_PARAMETER = Pattern.compile(".*(Id|_id|ID)");
    private static final List<String> BODY_FIELDS = List.of("title", "context", "tags", "schema_name", "schemaName");

    private final OncePerKey problems;
    private final TokenReader tokens;
    private final MethodParameters parameters = new MethodParameters();

    public EventFactory(OncePerKey problems) {
        this.problems = problems;
        this.tokens = new TokenReader(problems);
    }

    public OncePerKey problems() {
        return problems;
    }

    /**
     * The event for one outermost successful call (with the innermost nested one as fallback), or {@code null}
     * when none can be built; never throws for bad input.
     */
    public BreadcrumbEvent build(Object client, String method, Object[] args, Object returned,
                                 Object innerClient, String innerMethod, Object[] innerArgs, Object innerReturned) {
        try {
            return isUpdate(method)
                    ? update(client, method, args, innerClient, innerMethod, innerArgs)
                    : create(client, method, args, returned, innerClient, innerArgs, innerReturned);
        } catch (ObjectTree.TooLarge tooLarge) {
            problems.warn("too-large:" + method, "a call of " + simpleMethod(method) + " on " + typeOf(client)
                    + " carried " + tooLarge.getMessage() + ", beyond what the local lane converts; its event arrives through SSE only");
            return null;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            problems.warn("failed:" + method, "could not build the local event of " + simpleMethod(method) + " on "
                    + typeOf(client) + ": " + e.getClass().getName() + "; it arrives through SSE only");
            return null;
        }
    }

    private BreadcrumbEvent create(Object client, String method, Object[] args, Object returned,
                                   Object innerClient, Object[] innerArgs, Object innerReturned) {
        String id = idFrom(returned);
        if (id == null && innerReturned != null) {
            id = idFrom(innerReturned);
        }
        if (id == null) {
            problems.warn("no-id:" + method, "no breadcrumb id found in what " + simpleMethod(method) + " of "
                    + typeOf(client) + " returned (" + (returned == null ? "null" : "a " + returned.getClass().getName())
                    + "); no local event is emitted for its calls");
            return null;
        }
        Map<String, Object> body = bodyFrom(args);
        if (body == null && innerArgs != null) {
            body = bodyFrom(innerArgs);
        }
        return event(id, 1, body, client != null ? client : innerClient);
    }

    private BreadcrumbEvent update(Object client, String method, Object[] args,
                                   Object innerClient, String innerMethod, Object[] innerArgs) {
        String[] names = parameters.names(client, method, args.length);
        String id = idFromArguments(args, names);
        if (id == null && innerArgs != null) {
            id = idFromArguments(innerArgs, parameters.names(innerClient, innerMethod, innerArgs.length));
        }
        if (id == null) {
            problems.warn("no-id:" + method, "no breadcrumb id found among the arguments of " + simpleMethod(method)
                    + " of " + typeOf(client) + "; no local event is emitted for its calls");
            return null;
        }
        long expected = versionFromArguments(args, names);
        Map<String, Object> patch = bodyFrom(args);
        return event(id, expected > 0 ? expected + 1 : 0, patch, client);
    }

    @SuppressWarnings("unchecked")
    private BreadcrumbEvent event(String id, long version, Map<String, Object> body, Object client) {
        TokenReader.Identity who = tokens.identityOf(client);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        if (who.ownerId() != null) {
            record.put("owner_id", who.ownerId());
        }
        List<String> tags = new ArrayList<>();
        Map<String, Object> context = Map.of();
        String schema = null;
        if (body != null) {
            for (Map.Entry<String, Object> e : body.entrySet()) {
                String key = e.getKey().equals("schemaName") ? "schema_name" : e.getKey();
                if (!key.equals("id") && !key.equals("version")) {
                    record.put(key, e.getValue());
                }
            }
            Object c = body.get("context");
            if (c instanceof Map<?, ?> m) {
                context = Json.freezeMap((Map<String, ?>) m); // frozen once, shared by the payload and the record
                record.put("context", context);
            }
            Object t = body.get("tags");
            if (t instanceof List<?> list) {
                for (Object tag : list) {
                    if (tag != null) {
                        tags.add(tag.toString());
                    }
                }
            }
            Object s = body.containsKey("schema_name") ? body.get("schema_name") : body.get("schemaName");
            schema = s == null ? null : s.toString();
        }
        String now = Instant.now().toString();
        record.put("version", version);
        record.put("updated_at", now);
        return BreadcrumbEvent.builder()
                .breadcrumbId(id)
                .ownerId(who.ownerId())
                .version(version)
                .tags(tags)
                .schemaName(schema)
                .updatedAt(now)
                .context(context)
                .breadcrumb(record)
                .origin(new BreadcrumbEvent.Origin(who.client(), who.ownerId(), who.agentId()))
                .build();
    }

    /** The id a create returned, or {@code null}. */
    String idFrom(Object returned) {
        if (returned == null) {
            return null;
        }
        if (returned instanceof UUID) {
            return returned.toString();
        }
        if (returned instanceof CharSequence cs) {
            String s = cs.toString().trim();
            if (ObjectTree.looksLikeJson(s)) {
                return idOfTree(ObjectTree.parseJson(s, problems));
            }
            return s.isEmpty() || s.length() > 200 || s.chars().anyMatch(Character::isWhitespace) ? null : s;
        }
        if (returned instanceof java.net.http.HttpResponse<?> response) {
            return response.statusCode() / 100 == 2 ? idFrom(response.body()) : null;
        }
        if (returned instanceof java.util.Optional<?> opt) {
            return idFrom(opt.orElse(null));
        }
        if (returned instanceof Number || returned instanceof Boolean || returned.getClass().isArray()) {
            return null;
        }
        return idOfTree(ObjectTree.of(returned, problems));
    }

    private static String idOfTree(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Object id = map.get("id");
            if (id instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /** The argument that carries the breadcrumb's fields, as a map; {@code null} when none does. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> bodyFrom(Object[] args) {
        Map<String, Object> onlyMap = null;
        int maps = 0;
        for (Object arg : args) {
            if (arg == null || arg instanceof Number || arg instanceof Boolean || arg instanceof UUID) {
                continue;
            }
            Object tree;
            if (arg instanceof CharSequence cs) {
                if (!ObjectTree.looksLikeJson(cs.toString())) {
                    continue;
                }
                tree = ObjectTree.parseJson(cs.toString(), problems);
            } else {
                tree = ObjectTree.of(arg, problems);
            }
            if (tree instanceof Map<?, ?> map) {
                for (String field : BODY_FIELDS) {
                    if (map.containsKey(field)) {
                        return (Map<String, Object>) map;
                    }
                }
                maps++;
                onlyMap = (Map<String, Object>) map;
            }
        }
        return maps == 1 ? onlyMap : null;
    }

    private String idFromArguments(Object[] args, String[] names) {
        if (names != null) {
            for (Pattern idName : List.of(BREADCRUMB_ID_PARAMETER, SOME_ID_PARAMETER)) {
                for (int i = 0; i < args.length; i++) {
                    if (names[i] != null && idName.matcher(names[i]).matches() && simpleValue(args[i])) {
                        return args[i].toString();
                    }
                }
            }
        }
        for (Object arg : args) {
            if (arg instanceof UUID) {
                return arg.toString();
            }
            if (arg instanceof CharSequence cs) {
                String s = cs.toString().trim();
                if (!s.isEmpty() && !ObjectTree.looksLikeJson(s) && !VERSION_TEXT.matcher(s).matches()
                        && s.chars().noneMatch(Character::isWhitespace)) {
                    return s;
                }
            }
        }
        for (Object arg : args) {
            if (arg != null && !(arg instanceof CharSequence) && !(arg instanceof Number) && !(arg instanceof Boolean)) {
                Object tree = ObjectTree.of(arg, problems);
                String id = idOfTree(tree);
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    private static boolean simpleValue(Object arg) {
        return arg instanceof CharSequence || arg instanceof UUID;
    }

    /** The If-Match version among the arguments (a named parameter first, then a number), or 0. */
    private static long versionFromArguments(Object[] args, String[] names) {
        if (names != null) {
            for (int i = 0; i < args.length; i++) {
                if (names[i] != null && VERSION_PARAMETER.matcher(names[i]).matches()) {
                    long v = version(args[i]);
                    if (v > 0) {
                        return v;
                    }
                }
            }
        }
        for (Object arg : args) {
            if (arg instanceof Integer || arg instanceof Long) {
                long v = ((Number) arg).longValue();
                if (v > 0) {
                    return v;
                }
            }
        }
        for (Object arg : args) {
            if (arg instanceof CharSequence cs && cs.toString().contains("\"")) {
                long v = version(arg);
                if (v > 0) {
                    return v;
                }
            }
        }
        return 0;
    }

    private static long version(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof CharSequence cs) {
            Matcher m = VERSION_TEXT.matcher(cs);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        return 0;
    }

    /** Whether the agent treats calls of this method (a name, or {@code Class.name(descriptor)}) as updates. */
    public static boolean isUpdate(String method) {
        String name = simpleMethod(method).toLowerCase(Locale.ROOT);
        return name.startsWith("update") || name.startsWith("patch");
    }

    /** {@code createBreadcrumb} out of {@code com.acme.Client.createBreadcrumb(Ljava/lang/Object;)...}. */
    static String simpleMethod(String method) {
        int paren = method.indexOf('(');
        String head = paren < 0 ? method : method.substring(0, paren);
        return head.substring(head.lastIndexOf('.') + 1);
    }

    private static String typeOf(Object client) {
        return client == null ? "a static method" : client.getClass().getName();
    }
}
