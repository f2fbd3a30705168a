package org.rcrt.localbus.agent.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one application call — the chain of intercepted frames it went through — into a {@link CapturedCall}, on
 * the caller's thread, at the moment the call returned. Each rule lives in its own place: the id in
 * {@link IdSource}, the version in {@link VersionSource}, whose call it was in {@link TokenReader}, what an update
 * did to the record in {@link KnownRecords}; this class snapshots the values and applies the rules.
 *
 * <p><b>What counts as an RCRT call.</b> A create must pass a body with RCRT's required {@code context} object and
 * {@code tags} list and return an id; an update must name an id among its arguments and pass a patch with at least
 * one of RCRT's fields. Anything else — a web UI's {@code createBreadcrumb(String path)} — is not an RCRT call:
 * no event, no warning. Over the chain, the innermost frame that has a thing wins (it is closest to the wire).
 */
public final class CallCapture {
    private static final Set<String> CREATE_EVIDENCE = Set.of("context", "tags");
    private static final Set<String> PATCH_FIELDS = Set.of("title", "context", "tags", "schema_name", "visibility",
            "sensitivity", "ttl");

    private final CallKinds kinds;
    private final OncePerKey problems;
    private final TokenReader tokens;
    private final MethodParameters parameters = new MethodParameters();
    private final KnownRecords records = new KnownRecords();

    public CallCapture(CallKinds kinds, OncePerKey problems) {
        this.kinds = kinds;
        this.problems = problems;
        this.tokens = new TokenReader(problems);
    }

    public CallKinds kinds() {
        return kinds;
    }

    /** Where this capture says, once per kind, what it could not do. */
    public OncePerKey problems() {
        return problems;
    }

    /**
     * Starts capturing one application call: the chain of frames, innermost first and the application's own call
     * last (whose {@code returned} is not looked at: {@link Pending#returned} gets it). The arguments are
     * snapshotted now, at the moment the call returned. {@code null} when it is not an RCRT call or can't be read
     * exactly (then SSE alone delivers it). Never throws.
     */
    public Pending begin(List<CallFrame> chain) {
        CallFrame outer = chain.get(chain.size() - 1);
        Site site = site(outer);
        String label = site.label;
        try {
            return site.kind == CallKind.UPDATE ? beginUpdate(chain, label) : beginCreate(chain, label);
        } catch (RuntimeException | StackOverflowError e) {
            failed(outer.method(), label, e);
            return null;
        }
    }

    /** A call whose arguments are captured, waiting for its result (at once, or when its future completes). */
    public interface Pending {
        /**
         * The call succeeded with {@code value}; its captured call, or {@code null}. {@code joinedLater} are the
         * frames of calls other threads made for it after it returned (a future's work), innermost first: they may
         * tell the id or the caller. Never throws.
         */
        CapturedCall returned(Object value, List<CallFrame> joinedLater);
    }

    private void failed(String method, String label, Throwable e) {
        if (e instanceof ObjectTree.TooLarge) {
            problems.warn("too-large:" + method, "a call of " + label + " carried " + e.getMessage()
                    + ", beyond what the local lane snapshots; its event arrives through SSE only");
        } else if (e instanceof ObjectTree.Unreadable) {
            problems.warn("unreadable:" + method, "a call of " + label + " carried " + e.getMessage()
                    + ", which can't be read without running application code; its events arrive through SSE only");
        } else {
            problems.warn("failed:" + method, "could not capture a call of " + label + ": " + e.getClass().getName()
                    + "; its event arrives through SSE only");
        }
    }

    private Pending beginCreate(List<CallFrame> chain, String label) {
        ObjectTree tree = ObjectTree.converter(problems);
        Map<String, Object> body = body(chain, tree, CREATE_EVIDENCE, true);
        if (body == null) {
            return null; // not an RCRT create
        }
        String innerId = null;
        for (int i = 0; i < chain.size() - 1 && innerId == null; i++) {
            innerId = Answer.of(chain.get(i).returned(), problems).id();
        }
        return new PendingCreate(label, chain.get(chain.size() - 1).method(), body, innerId, tree.footprint(), caller(chain));
    }

    private Pending beginUpdate(List<CallFrame> chain, String label) {
        ObjectTree tree = ObjectTree.converter(problems);
        Map<String, Object> patch = body(chain, tree, PATCH_FIELDS, false);
        if (patch == null) {
            return null; // not an RCRT patch
        }
        String id = null;
        long ifMatch = 0;
        for (CallFrame frame : chain) {
            String[] names = parameters.names(frame.client(), frame.method(), frame.args().length);
            if (id == null) {
                id = IdSource.fromArguments(idCandidates(frame.args(), tree), names);
            }
            if (ifMatch == 0) {
                ifMatch = VersionSource.ifMatch(frame.args(), names);
            }
        }
        if (id == null) {
            problems.warn("no-id:" + chain.get(chain.size() - 1).method(), "no breadcrumb id found among the arguments of "
                    + label + "; no local event is emitted for its calls");
            return null;
        }
        return new PendingUpdate(label, chain.get(chain.size() - 1).method(), patch, id, ifMatch, tree.footprint(),
                caller(chain));
    }

    /*
     * The two kinds of pending call are classes rather than lambdas: they are made at an application's first RCRT
     * call, where a lambda's first use would spin its class (and java.lang.invoke's) on the caller's thread.
     */

    /** A create whose answer is awaited: the id comes from it. */
    private final class PendingCreate implements Pending {
        private final String label;
        private final String method;
        private final Map<String, Object> body;
        /** The id an inner frame's answer named, should the outer answer not name one. */
        private final String fallbackId;
        private final long weight;
        private final Caller caller;

        PendingCreate(String label, String method, Map<String, Object> body, String fallbackId, long weight,
                      Caller caller) {
            this.label = label;
            this.method = method;
            this.body = body;
            this.fallbackId = fallbackId;
            this.weight = weight;
            this.caller = caller;
        }

        @Override
        public CapturedCall returned(Object value, List<CallFrame> joinedLater) {
            try {
                Answer answer = Answer.of(value, problems);
                if (answer.failed()) {
                    return null; // a non-2xx status inside a response wrapper: the call failed
                }
                String id = answer.id();
                for (int i = 0; i < joinedLater.size() && id == null; i++) {
                    id = Answer.of(joinedLater.get(i).returned(), problems).id();
                }
                if (id == null) {
                    id = fallbackId;
                }
                if (id == null) {
                    problems.warn("no-id:" + method, "no breadcrumb id found in what " + label
                            + " returned; no local event is emitted for its calls");
                    return null;
                }
                records.created(id, body, weight);
                return new CapturedCall(CallKind.CREATE, label, id, 1, orLater(caller, joinedLater), body, true);
            } catch (RuntimeException | StackOverflowError e) {
                failed(method, label, e);
                return null;
            }
        }
    }

    /** An update whose answer is awaited: only whether it failed matters, the id came with the arguments. */
    private final class PendingUpdate implements Pending {
        private final String label;
        private final String method;
        private final Map<String, Object> patch;
        private final String breadcrumbId;
        private final long expectedVersion;
        private final long weight;
        private final Caller caller;

        PendingUpdate(String label, String method, Map<String, Object> patch, String breadcrumbId, long expectedVersion,
                      long weight, Caller caller) {
            this.label = label;
            this.method = method;
            this.patch = patch;
            this.breadcrumbId = breadcrumbId;
            this.expectedVersion = expectedVersion;
            this.weight = weight;
            this.caller = caller;
        }

        @Override
        public CapturedCall returned(Object value, List<CallFrame> joinedLater) {
            try {
                if (Answer.of(value, problems).failed()) {
                    return null; // a non-2xx status inside a response wrapper: the patch was not applied
                }
                KnownRecords.Merged merged = records.updated(breadcrumbId, patch, weight, expectedVersion);
                return new CapturedCall(CallKind.UPDATE, label, breadcrumbId, merged.version(), orLater(caller, joinedLater),
                        merged.record(), merged.exact());
            } catch (RuntimeException | StackOverflowError e) {
                failed(method, label, e);
                return null;
            }
        }
    }

    /**
     * The body of the call: over the chain, innermost first, the first argument whose snapshot is a JSON object
     * holding {@code evidence} (all of it, or any of it), normalised to RCRT's field names, without id and version.
     */
    private Map<String, Object> body(List<CallFrame> chain, ObjectTree tree, Set<String> evidence, boolean all) {
        for (int f = 0; f < chain.size(); f++) {
            for (Object arg : chain.get(f).args()) {
                if (arg == null || triedBefore(chain, f, arg) || !mayBeBody(arg)) {
                    continue;
                }
                Object snapshot = arg instanceof String s ? ObjectTree.parseJson(s, problems) : tree.convert(arg);
                if (snapshot instanceof Map<?, ?> map) {
                    Map<String, Object> fields = normalised(map);
                    if (all ? fields.keySet().containsAll(evidence) : containsAny(fields, evidence)) {
                        return fields;
                    }
                }
            }
        }
        return null;
    }

    /** Whether an inner frame already passed this very object (an overload or a wrapper passing its body on). */
    private static boolean triedBefore(List<CallFrame> chain, int frame, Object arg) {
        for (int f = 0; f < frame; f++) {
            for (Object earlier : chain.get(f).args()) {
                if (earlier == arg) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an argument could be the breadcrumb body (JSON text, a map, an object with body-named fields). */
    public static boolean mayBeBody(Object arg) {
        if (arg instanceof String s) {
            return ObjectTree.looksLikeJson(s);
        }
        if (arg instanceof Map<?, ?>) {
            return true;
        }
        return BODY_TYPES.get(arg.getClass());
    }

    /** Whether objects of a class could be a body, answered once per class. */
    private static final ClassValue<Boolean> BODY_TYPES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.") || type.isSynthetic()
                    || type.isHidden()) {
                return false;
            }
            return ObjectTree.isJacksonTree(type) || ObjectTree.mayCarryBody(type);
        }
    };

    /** RCRT's field names ({@code schemaName} written as {@code schema_name}); id, version and nulls (not sent) left out. */
    private static Map<String, Object> normalised(Map<?, ?> map) {
        if (isNormal(map)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> frozen = (Map<String, Object>) map; // a snapshot: already frozen, nothing to rename
            return frozen;
        }
        // Straight into arrays, as the snapshot itself is built: a body has distinct keys, and only schemaName
        // is renamed; if the body also has schema_name, the hashing path keeps one of the two, as a map would.
        if (map.containsKey("schemaName") && map.containsKey("schema_name")) {
            return hashedNormal(map);
        }
        String[] keys = new String[map.size()];
        Object[] values = new Object[keys.length];
        int n = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = "schemaName".equals(e.getKey()) ? "schema_name" : (String) e.getKey();
            if (e.getValue() != null && !key.equals("id") && !key.equals("version") && n < keys.length) {
                keys[n] = key;
                values[n++] = e.getValue();
            }
        }
        return org.rcrt.localbus.internal.Json.adoptFrozen(keys, values, n);
    }

    private static Map<String, Object> hashedNormal(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = "schemaName".equals(e.getKey()) ? "schema_name" : (String) e.getKey();
            if (e.getValue() != null && !key.equals("id") && !key.equals("version")) {
                out.put(key, e.getValue());
            }
        }
        return org.rcrt.localbus.internal.Json.adoptFrozen(out);
    }

    private static boolean isNormal(Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null || "schemaName".equals(e.getKey()) || "id".equals(e.getKey()) || "version".equals(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(Map<String, Object> fields, Set<String> names) {
        for (String n : names) {
            if (fields.containsKey(n)) {
                return true;
            }
        }
        return false;
    }

    /** Arguments as the id rules read them: strings and UUIDs as they are, body-like objects as snapshots. */
    private Object[] idCandidates(Object[] args, ObjectTree tree) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof String s) {
                out[i] = ObjectTree.looksLikeJson(s) ? ObjectTree.parseJson(s, problems) : s;
            } else if (a instanceof UUID) {
                out[i] = a;
            } else if (a != null && mayBeBody(a)) {
                out[i] = tree.convert(a);
            }
        }
        return out;
    }

    /**
     * Whose call it was: over the chain, innermost first, a bearer token passed with the call itself, else the one
     * the frame's client holds. A client holding several owners' tokens (a tenant router) makes it unknown.
     */
    private Caller caller(List<CallFrame> chain) {
        Caller innermostClient = Caller.UNKNOWN;
        for (CallFrame frame : chain) {
            for (Object arg : frame.args()) {
                Caller perCall = tokens.identityOfArgument(arg);
                if (perCall.known()) {
                    return perCall;
                }
            }
            Caller held = tokens.identityOf(frame.client());
            if (held == Caller.AMBIGUOUS) {
                return Caller.UNKNOWN;
            }
            if (held.known()) {
                return held;
            }
            if (innermostClient.client() == null) {
                innermostClient = held; // no owner, but the client is named
            }
        }
        return innermostClient;
    }

    /** The caller found at return, or, if none was, the one the frames joined later tell. */
    private Caller orLater(Caller atReturn, List<CallFrame> joinedLater) {
        return atReturn.known() || joinedLater.isEmpty() ? atReturn : caller(joinedLater);
    }

    /** What the agent knows of an intercepted method once it has seen it: its label for messages and its kind. */
    private record Site(String label, CallKind kind) {}

    /**
     * The site of a call, looked up per client class and method (the woven code passes the same method string
     * every time): building the label and parsing the method's name are string work too costly for every return.
     */
    private Site site(CallFrame frame) {
        if (frame.client() == null) {
            return newSite(null, frame.method());
        }
        Class<?> type = frame.client().getClass();
        Map<String, Site> sites = sitesByClass.get(type);
        Site site = sites.get(frame.method());
        if (site == null) {
            site = newSite(type, frame.method());
            if (sites.size() < MAX_SITES_PER_CLASS) {
                sites.put(frame.method(), site);
            }
        }
        return site;
    }

    private Site newSite(Class<?> type, String method) {
        String owner = type == null ? "a static method" : type.getName();
        return new Site(owner + "." + CallKinds.simpleName(method), kinds.of(method));
    }

    private static final int MAX_SITES_PER_CLASS = 64;
    /** A {@link ClassValue}: the cache lives and dies with the client class, never keeping its loader alive. */
    private final ClassValue<Map<String, Site>> sitesByClass = new ClassValue<>() {
        @Override
        protected Map<String, Site> computeValue(Class<?> type) {
            return new java.util.concurrent.ConcurrentHashMap<>();
        }
    };
}
