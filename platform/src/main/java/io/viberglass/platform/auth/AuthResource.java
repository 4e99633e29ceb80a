package io.viberglass.platform.auth;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** First-run setup, sign-in and sign-out, and the current user. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {
    private final AuthService auth;
    private final AuthCookies cookies;

    public AuthResource(AuthService auth, AuthCookies cookies) {
        this.auth = auth;
        this.cookies = cookies;
    }

    /** What sign-in answers: the session token (also set as a cookie), its CSRF token, expiry and the user. */
    public record SessionReply(String token, String csrfToken, Instant expiresAt, UserView user) {
        static SessionReply of(SignedIn signedIn) {
            return new SessionReply(signedIn.token(), signedIn.csrfToken(), signedIn.expiresAt(), signedIn.user());
        }
    }

    public record Me(UserView user, Actor.Kind authenticatedBy, TokenScope scope, String csrfToken) {}

    public record Revoked(int revokedSessions) {}

    @GET
    @Path("/setup-status")
    @PublicEndpoint(reason = "the dashboard asks it before anyone can sign in")
    @Operation(summary = "Whether the first administrator still has to be created")
    public AuthService.SetupStatus setupStatus() {
        return auth.status();
    }

    @POST
    @Path("/setup")
    @PublicEndpoint(reason = "creates the first administrator; refused once any user exists; rate-limited per IP")
    @Operation(summary = "Create the first administrator and sign in (only while there are no users)")
    public Response setup(@NotNull @Valid AuthRequests.Setup request, @Context HttpServletRequest http) {
        return signedIn(auth.setup(request, client(http)), Response.Status.CREATED);
    }

    @POST
    @Path("/login")
    @PublicEndpoint(reason = "signing in; rate-limited per IP and per account")
    @Operation(summary = "Sign in with email and password; sets the session cookie and returns the token")
    public Response login(@NotNull @Valid AuthRequests.Login request, @Context HttpServletRequest http) {
        return signedIn(auth.login(request, client(http)), Response.Status.OK);
    }

    @POST
    @Path("/logout")
    @PublicEndpoint(reason = "revokes only the session it presents, and clears the cookies")
    @Operation(summary = "Sign out: revoke the presented session and clear the cookies")
    public Response logout(@Context ContainerRequestContext request) {
        Credentials.from(request).ifPresent(credentials -> auth.logout(credentials.token()));
        return Response.noContent().cookie(cookies.clear()).build();
    }

    @GET
    @Path("/me")
    @Operation(summary = "The signed-in user and how the request was authenticated")
    public Me me(@Parameter(hidden = true) @Auth Actor actor, @Context ContainerRequestContext request) {
        String csrf = actor.kind() == Actor.Kind.SESSION
                ? Credentials.from(request)
                        .map(credentials -> AuthService.csrfToken(credentials.token()))
                        .orElse(null)
                : null;
        return new Me(auth.me(actor), actor.kind(), actor.scope(), csrf);
    }

    @POST
    @Path("/sessions/revoke-all")
    @PermitAll
    @Operation(summary = "Sign out everywhere: revoke every session of the signed-in user, this one included")
    public Response revokeAll(@Parameter(hidden = true) @Auth Actor actor) {
        return Response.ok(new Revoked(auth.revokeAll(actor)))
                .cookie(cookies.clear())
                .build();
    }

    @POST
    @Path("/password")
    @PermitAll
    @Operation(
            summary = "Change your password (current password required); signs out your other sessions, keeps this one")
    public Revoked changePassword(
            @Parameter(hidden = true) @Auth Actor actor,
            @NotNull @Valid AuthRequests.ChangePassword request,
            @Context ContainerRequestContext context,
            @Context HttpServletRequest http) {
        String token = Credentials.from(context)
                .filter(credentials -> !credentials.isApiToken())
                .map(Credentials::token)
                .orElse(null);
        return new Revoked(auth.changePassword(actor, token, request, client(http)));
    }

    private Response signedIn(SignedIn signedIn, Response.Status status) {
        return Response.status(status)
                .entity(SessionReply.of(signedIn))
                .cookie(cookies.issue(signedIn.token()))
                .build();
    }

    static ClientInfo client(HttpServletRequest http) {
        return new ClientInfo(http.getRemoteAddr(), http.getHeader("User-Agent"));
    }
}
