package com.example.hardening;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;

/** A JAX-RS client interface: its methods' names say nothing, their annotations say create and update. */
@Path("/api/v1/breadcrumbs")
public interface RoutedApi {
    @POST
    String add(Map<String, Object> body);

    @PATCH
    @Path("{id}")
    String change(@PathParam("id") String id, Map<String, Object> patch);

    @GET
    @Path("{id}")
    String fetch(@PathParam("id") String id);
}
