package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.CliEnvironment;
import io.viberglass.viberator.client.ClientConfig;
import io.viberglass.viberator.client.ConfigStore;
import io.viberglass.viberator.client.CurrentUser;
import io.viberglass.viberator.client.PlatformException;
import io.viberglass.viberator.client.PlatformTarget;
import io.viberglass.viberator.client.TargetResolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viberator login}: checks a platform URL and API token against {@code /api/auth/me}, then stores them. */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description =
                "Check a platform URL and API token (GET /api/auth/me) and store them in the per-user config file "
                        + "(mode 0600). VIBERGLASS_URL and VIBERGLASS_TOKEN override the stored login.")
public final class LoginCommand implements Callable<Integer> {
    private final CliEnvironment environment;
    private final Connection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "URL",
            description = "Platform URL, e.g. https://viberglass.example.com (default: $VIBERGLASS_URL).")
    String url;

    @Option(
            names = "--token",
            arity = "0..1",
            interactive = true,
            paramLabel = "TOKEN",
            description = "API token (vibe_...). Without a value it is asked for without echo. Prefer --token-stdin or "
                    + "$VIBERGLASS_TOKEN: arguments are visible in ps.")
    String token;

    @Option(names = "--token-stdin", description = "Read the API token from the first line of standard input.")
    boolean tokenStdin;

    @Mixin
    ClientOptions options;

    public LoginCommand(CliEnvironment environment) {
        this.environment = environment;
        this.connection = new Connection(environment);
    }

    @Override
    public Integer call() throws IOException {
        Output output = options.output();
        String address = url != null ? url : environment.get(TargetResolver.URL_VARIABLE);
        if (address == null || address.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Give the platform URL as an argument or in $" + TargetResolver.URL_VARIABLE);
        }
        String secret = token();
        PlatformTarget target = PlatformTarget.of(address, secret);
        CurrentUser user;
        try {
            user = connection.client(target).me();
        } catch (PlatformException.AuthenticationFailed e) {
            throw new PlatformException.AuthenticationFailed(
                    "Login failed: the platform at " + target.baseUrl() + " refused the API token. Create a token "
                            + "under Settings → API tokens and try again.",
                    e.code());
        }
        ConfigStore store = connection.store();
        String who = user.email() != null ? user.email() : user.name();
        store.save(new ClientConfig(
                target.baseUrl().toString(), secret, who, environment.clock().instant()));
        if (output.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("url", target.baseUrl().toString());
            result.put("user", user);
            result.put("configFile", store.file().toString());
            output.json(result);
        } else {
            output.text("Logged in to " + target.baseUrl() + " as " + who + ".");
            output.note("Saved to " + store.file() + " (readable by you only).");
        }
        return 0;
    }

    private String token() throws IOException {
        String secret = token;
        if (tokenStdin) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(environment.terminal().in(), StandardCharsets.UTF_8));
            secret = in.readLine();
        }
        if (secret == null || secret.isBlank()) {
            secret = environment.get(TargetResolver.TOKEN_VARIABLE);
        }
        if (secret == null || secret.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "Give the API token with --token, --token-stdin or $" + TargetResolver.TOKEN_VARIABLE);
        }
        return secret.strip();
    }
}
