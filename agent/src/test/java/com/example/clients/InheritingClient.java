package com.example.clients;

import java.util.Map;

/** Inherits {@code createBreadcrumb} from the abstract base unchanged. */
public class InheritingClient extends AbstractBaseClient {
    public InheritingClient(String baseUrl, Map<String, String> headers) {
        super(baseUrl, headers);
    }

    @Override
    protected String name() {
        return "inheriting";
    }
}
