package com.example.clients;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/** What Feign or Retrofit would generate: the proxy's calls become HTTP requests. */
public final class HttpInvocationHandler implements InvocationHandler {
    private final String baseUrl;
    private final Map<String, String> headers;
    private final String authorization = "Bearer " + Tokens.JWT;

    private HttpInvocationHandler(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public static <T> T proxy(Class<T> api, String baseUrl, Map<String, String> headers) {
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
                new HttpInvocationHandler(baseUrl, headers)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "toString":
                return "proxy client of " + baseUrl;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return RcrtHttp.postForId(baseUrl, headers, (Map<String, Object>) args[0]);
        }
    }
}
