package io.viberglass.viberator.cli.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.cli.BuildInfo;
import io.viberglass.viberator.cli.CliEnvironment;
import io.viberglass.viberator.client.ConfigStore;
import io.viberglass.viberator.client.PlatformHttp;
import io.viberglass.viberator.client.PlatformTarget;
import io.viberglass.viberator.client.TargetResolver;
import io.viberglass.viberator.client.ViberglassClient;
import java.net.http.HttpClient;
import java.time.Duration;

/** Builds the platform client a command talks through: the stored login, overridden by the environment. */
public final class Connection {
    private final CliEnvironment environment;

    public Connection(CliEnvironment environment) {
        this.environment = environment;
    }

    public ConfigStore store() {
        return new ConfigStore(
                ConfigStore.defaultLocation(environment.variables(), System.getProperty("user.home")),
                Json.newMapper());
    }

    /** The logged-in platform; {@code PlatformException.AuthenticationFailed} when there is none. */
    public ViberglassClient client() {
        return client(new TargetResolver(environment.variables(), store()).resolve());
    }

    public ViberglassClient client(PlatformTarget target) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        // lenient about absent fields: an older or newer platform may leave one out
        ObjectMapper mapper = Json.newMapper().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return new ViberglassClient(new PlatformHttp(
                http, mapper, target, "viberator/" + BuildInfo.load().version()));
    }
}
