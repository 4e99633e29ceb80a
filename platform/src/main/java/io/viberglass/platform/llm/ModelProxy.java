package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.FailureCode;
import io.viberglass.common.job.JobStatus;
import io.viberglass.common.security.SecretValue;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerDao;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobDao;
import io.viberglass.platform.secrets.JobSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model proxy: checks a job's proxy token, adds the real key and forwards the request to the provider, then
 * relays the answer as it arrives (server-sent events are written through chunk by chunk, never buffered whole) while a
 * {@link UsageMeter} reads the token usage out of it, recorded per request when the answer ends.
 */
public class ModelProxy {
    private static final Logger LOG = LoggerFactory.getLogger(ModelProxy.class);
    /** Request headers the agent may pass on; everything else (its token, cookies, hop-by-hop headers) stays here. */
    private static final Set<String> REQUEST_HEADERS = Set.of(
            "content-type",
            "accept",
            "anthropic-version",
            "anthropic-beta",
            "openai-beta",
            "idempotency-key",
            "user-agent");
    /** Response headers relayed to the agent: what CLIs read to pace and retry. */
    private static final List<String> RESPONSE_HEADER_PREFIXES =
            List.of("retry-after", "anthropic-ratelimit-", "x-ratelimit-", "request-id", "x-request-id");

    private final Jdbi jdbi;
    private final Clock clock;
    private final LlmSettings settings;
    private final JobSecrets secrets;
    private final UsageRecorder usage;
    private final BudgetGuard budgets;
    private final RunStopper stopper;
    private final QuotaPauses pauses;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final StreamUsageOptIn usageOptIn = new StreamUsageOptIn();

    public ModelProxy(
            Jdbi jdbi,
            Clock clock,
            LlmSettings settings,
            JobSecrets secrets,
            UsageRecorder usage,
            BudgetGuard budgets,
            RunStopper stopper,
            QuotaPauses pauses,
            ObjectMapper mapper) {
        this.pauses = pauses;
        this.budgets = budgets;
        this.stopper = stopper;
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.secrets = secrets;
        this.usage = usage;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(settings.getConnectTimeout().toMilliseconds()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Where a request goes and with which key. */
    record Target(Job job, Clanker clanker, ModelProvider provider, String keyName, SecretValue key, String baseUrl) {
        @Override
        public String toString() {
            return "Target[" + job.id() + " → " + baseUrl + "]";
        }
    }

    /** An answer on its way back: status and headers known, body still streaming. */
    public record Relay(int status, Map<String, List<String>> headers, String contentType, Body body) {
        public boolean eventStream() {
            return contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        }
    }

    /** Writes the answer's body to the agent, then records its usage. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks the token, then forwards.
     *
     * @param path what follows {@code /api/llm/{jobId}/{provider}/}, e.g. {@code v1/messages}
     * @param query the raw query string or {@code null}
     * @throws ProxyRefusal when the request is refused here, for the caller to answer in the provider's format
     */
    public Relay forward(
            UUID jobId,
            ModelProvider provider,
            String path,
            String query,
            String presentedToken,
            Map<String, List<String>> headers,
            byte[] body) {
        Target target = authorize(jobId, provider, presentedToken);
        budgets.usedUp(jobId, target.job().projectId(), target.clanker().id()).ifPresent(limit -> {
            String reason = limit.describe() + "; the run was stopped";
            stopper.fail(jobId, FailureCode.BUDGET_EXCEEDED, reason);
            throw new ProxyRefusal(403, "permission_error", "budget_exceeded", reason);
        });
        StreamUsageOptIn.Forwarded forwarded = usageOptIn.rewrite(provider, path, body);
        HttpRequest request = request(target, path, query, headers, forwarded.body());
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.warn("Model provider {} unreachable for job {}: {}", target.baseUrl(), jobId, e.getMessage());
            throw new ProxyRefusal(
                    502,
                    "api_error",
                    "upstream_unreachable",
                    "The model provider could not be reached through " + "the Viberglass proxy: "
                            + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyRefusal(503, "api_error", "interrupted", "The proxy is shutting down");
        }
        String contentType = response.headers().firstValue("content-type").orElse("application/json");
        UsageMeter meter = new UsageMeter(mapper, contentType);
        int status = response.statusCode();
        pauses.onAnswer(target.clanker().id(), jobId, status, response.headers().map());
        Instant started = clock.instant();
        boolean hideUsageChunk = forwarded.hideUsageChunk() && meter.isEventStream();
        return new Relay(status, relayed(response.headers()), contentType, out -> {
            try (InputStream in = response.body()) {
                UsageChunkFilter filter = hideUsageChunk ? new UsageChunkFilter(out, mapper) : null;
                byte[] chunk = new byte[8192];
                int read;
                while ((read = in.read(chunk)) >= 0) {
                    if (read == 0) {
                        continue;
                    }
                    meter.accept(chunk, 0, read);
                    if (filter != null) {
                        filter.write(chunk, 0, read);
                    } else {
                        out.write(chunk, 0, read);
                    }
                }
                if (filter != null) {
                    filter.finish();
                }
                out.flush();
            } finally {
                meter.finish();
                if (usage.record(target, path, status, meter, started)) {
                    budgets.unmetered(
                            jobId, target.job().projectId(), target.clanker().id(), provider, status);
                }
                budgets.warn(jobId, target.job().projectId(), target.clanker().id());
            }
        });
    }

    Target authorize(UUID jobId, ModelProvider provider, String presentedToken) {
        if (presentedToken == null || presentedToken.isBlank()) {
            throw ProxyRefusal.unauthenticated("Missing proxy token (x-api-key or Authorization: Bearer)");
        }
        Optional<ModelGrant> grant = jdbi.withExtension(ModelGrantDao.class, dao -> dao.find(jobId));
        if (grant.isEmpty()
                || !Tokens.matchesHash(presentedToken, grant.get().tokenHash())
                || !grant.get().provider().equals(provider.wire())) {
            throw ProxyRefusal.unauthenticated("Invalid proxy token for this job");
        }
        if (!grant.get().expiresAt().isAfter(clock.instant())) {
            throw ProxyRefusal.unauthenticated("The job's proxy token has expired");
        }
        Job job = jdbi.withExtension(JobDao.class, dao -> dao.find(jobId))
                .orElseThrow(() -> ProxyRefusal.unauthenticated("Invalid proxy token for this job"));
        if (job.status() != JobStatus.ACTIVE && job.status() != JobStatus.QUEUED) {
            throw ProxyRefusal.unauthenticated("The job has ended; its proxy token no longer works");
        }
        Clanker clanker = job.clankerId() == null
                ? null
                : jdbi.withExtension(ClankerDao.class, dao -> dao.find(job.clankerId()))
                        .orElse(null);
        if (clanker == null) {
            throw ProxyRefusal.unauthenticated("The job's clanker no longer exists");
        }
        Map.Entry<String, SecretValue> key = secrets.first(job, provider.keyNames())
                .orElseThrow(() -> new ProxyRefusal(
                        500,
                        "api_error",
                        "key_missing",
                        "The clanker has no " + provider.keyNames().get(1) + " secret for the proxy to use"));
        String endpoint = clanker.agentOptions().get("endpoint");
        String base = endpoint != null && !endpoint.isBlank() ? endpoint : settings.baseUrl(provider);
        return new Target(job, clanker, provider, key.getKey(), key.getValue(), base);
    }

    private static HttpRequest request(
            Target target, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String base = target.baseUrl().endsWith("/")
                ? target.baseUrl().substring(0, target.baseUrl().length() - 1)
                : target.baseUrl();
        // a base URL given with /v1 (OpenAI style) and a path starting with v1/ must not double it
        String relative = base.endsWith("/v1") && path.startsWith("v1/") ? path.substring(3) : path;
        String forwarded = withoutKey(query);
        URI uri = URI.create(base + "/" + relative + (forwarded.isEmpty() ? "" : "?" + forwarded));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        String keyHeader = target.provider().keyHeader(target.keyName());
        builder.header(
                keyHeader,
                keyHeader.equals("Authorization")
                        ? "Bearer " + target.key().reveal()
                        : target.key().reveal());
        return builder.build();
    }

    /** The query without {@code key=…}: an older Google client's way of sending the proxy token stays here. */
    static String withoutKey(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return java.util.Arrays.stream(query.split("&"))
                .filter(part -> !part.equals("key") && !part.startsWith("key="))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    private static Map<String, List<String>> relayed(HttpHeaders headers) {
        Map<String, List<String>> kept = new java.util.LinkedHashMap<>();
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESPONSE_HEADER_PREFIXES.stream().anyMatch(lower::startsWith)) {
                kept.put(name, values);
            }
        });
        return kept;
    }
}
