package io.viberglass.platform.infra.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The answer to a create: 201, {@code Location} the new item under the collection posted to, and the item. */
public final class Created {
    private Created() {}

    public static Response at(UriInfo uri, UUID id, Object entity) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .entity(entity)
                .build();
    }
}
