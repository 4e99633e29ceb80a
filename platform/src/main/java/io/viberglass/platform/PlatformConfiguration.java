package io.viberglass.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.viberglass.platform.clankers.ClankerSettings;
import io.viberglass.platform.claws.ClawSettings;
import io.viberglass.platform.dispatch.DispatchSettings;
import io.viberglass.platform.feedback.FeedbackSettings;
import io.viberglass.platform.infra.config.AuthSettings;
import io.viberglass.platform.infra.config.DatabaseUrl;
import io.viberglass.platform.infra.config.EmbeddedDatabaseSettings;
import io.viberglass.platform.infra.config.HttpSettings;
import io.viberglass.platform.infra.config.MediaSettings;
import io.viberglass.platform.llm.LlmSettings;
import io.viberglass.platform.secrets.SecretSettings;
import io.viberglass.platform.slack.SlackSettings;
import io.viberglass.platform.webhooks.WebhookSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The platform's configuration: {@code config.yml} with {@code ${ENV:-default}} substitution. */
public class PlatformConfiguration extends Configuration {
    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    /** A {@code postgres://user:pass@host:port/db} or {@code jdbc:postgresql:} URL that overrides {@code database}. */
    private String databaseUrl;

    @Valid
    @NotNull
    private EmbeddedDatabaseSettings embeddedDatabase = new EmbeddedDatabaseSettings();

    private boolean migrateOnStart = false;

    /** The URL users and workers reach this platform at; used in links and worker callbacks. */
    @NotNull
    private String publicUrl = "http://localhost:8080";

    @Valid
    @NotNull
    private HttpSettings http = new HttpSettings();

    @Valid
    @NotNull
    private AuthSettings auth = new AuthSettings();

    @Valid
    @NotNull
    private MediaSettings media = new MediaSettings();

    @Valid
    @NotNull
    private DispatchSettings dispatch = new DispatchSettings();

    @Valid
    @NotNull
    private SecretSettings secrets = new SecretSettings();

    @Valid
    @NotNull
    private ClawSettings claws = new ClawSettings();

    @Valid
    @NotNull
    private ClankerSettings clankers = new ClankerSettings();

    @Valid
    @NotNull
    private WebhookSettings webhooks = new WebhookSettings();

    @Valid
    @NotNull
    private FeedbackSettings feedback = new FeedbackSettings();

    @Valid
    @NotNull
    private io.viberglass.platform.sessions.SessionSettings sessions =
            new io.viberglass.platform.sessions.SessionSettings();

    private SlackSettings slack = new SlackSettings();

    @Valid
    @NotNull
    private LlmSettings llm = new LlmSettings();

    private boolean applied;

    /** The data source, with {@link #databaseUrl} applied when it is set. */
    @JsonProperty("database")
    public synchronized DataSourceFactory getDataSourceFactory() {
        if (!applied) {
            DatabaseUrl.applyTo(databaseUrl, database);
            applied = true;
        }
        return database;
    }

    @JsonProperty("database")
    public void setDataSourceFactory(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public String getDatabaseUrl() {
        return databaseUrl;
    }

    @JsonProperty
    public void setDatabaseUrl(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    @JsonProperty
    public EmbeddedDatabaseSettings getEmbeddedDatabase() {
        return embeddedDatabase;
    }

    @JsonProperty
    public void setEmbeddedDatabase(EmbeddedDatabaseSettings embeddedDatabase) {
        this.embeddedDatabase = embeddedDatabase;
    }

    @JsonProperty
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    @JsonProperty
    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    @JsonProperty
    public String getPublicUrl() {
        return publicUrl;
    }

    @JsonProperty
    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @JsonProperty
    public HttpSettings getHttp() {
        return http;
    }

    @JsonProperty
    public void setHttp(HttpSettings http) {
        this.http = http;
    }

    @JsonProperty
    public AuthSettings getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthSettings auth) {
        this.auth = auth;
    }

    @JsonProperty
    public ClankerSettings getClankers() {
        return clankers;
    }

    @JsonProperty
    public void setClankers(ClankerSettings clankers) {
        this.clankers = clankers;
    }

    @JsonProperty
    public ClawSettings getClaws() {
        return claws;
    }

    @JsonProperty
    public void setClaws(ClawSettings claws) {
        this.claws = claws;
    }

    @JsonProperty
    public SecretSettings getSecrets() {
        return secrets;
    }

    @JsonProperty
    public void setSecrets(SecretSettings secrets) {
        this.secrets = secrets;
    }

    @JsonProperty
    public DispatchSettings getDispatch() {
        return dispatch;
    }

    @JsonProperty
    public void setDispatch(DispatchSettings dispatch) {
        this.dispatch = dispatch;
    }

    @JsonProperty
    public LlmSettings getLlm() {
        return llm;
    }

    @JsonProperty
    public void setLlm(LlmSettings llm) {
        this.llm = llm;
    }

    @JsonProperty
    public SlackSettings getSlack() {
        return slack;
    }

    @JsonProperty
    public void setSlack(SlackSettings slack) {
        this.slack = slack;
    }

    @JsonProperty
    public MediaSettings getMedia() {
        return media;
    }

    @JsonProperty
    public void setMedia(MediaSettings media) {
        this.media = media;
    }

    @JsonProperty
    public WebhookSettings getWebhooks() {
        return webhooks;
    }

    @JsonProperty
    public void setWebhooks(WebhookSettings webhooks) {
        this.webhooks = webhooks;
    }

    @JsonProperty
    public FeedbackSettings getFeedback() {
        return feedback;
    }

    @JsonProperty
    public void setFeedback(FeedbackSettings feedback) {
        this.feedback = feedback;
    }

    @JsonProperty
    public io.viberglass.platform.sessions.SessionSettings getSessions() {
        return sessions;
    }

    @JsonProperty
    public void setSessions(io.viberglass.platform.sessions.SessionSettings sessions) {
        this.sessions = sessions;
    }
}
