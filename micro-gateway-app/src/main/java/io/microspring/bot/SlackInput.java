package io.microspring.bot;

import java.io.IOException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.request.EventsApiEnvelope;
import com.slack.api.socket_mode.response.AckResponse;

/**
 * The Slack input, with Slack's Java SDK in Socket Mode: the app token opens the websocket
 * ({@code apps.connections.open}), the bot token finds the bot's user ({@code auth.test}) and
 * posts replies ({@code chat.postMessage}) in the channel or direct message the request came
 * from. It answers mentions ({@code app_mention} events, the mention taken off) and direct
 * messages ({@code message} events in an {@code im}); each envelope is acknowledged at once. The
 * SDK reconnects a lost websocket; a failed start is retried every {@value #RETRY_SECONDS} seconds.
 */
final class SlackInput extends ReconnectingInput<SocketModeClient> {

    /** The input's name in {@code micro.bot.inputs}. */
    static final String NAME = "slack";

    private static final Logger log = LoggerFactory.getLogger(SlackInput.class);
    private static final int RETRY_SECONDS = 5;

    private final Slack slack;
    private final String appToken;
    private final MethodsClient methods;
    private volatile String botUser;

    private SlackInput(Slack slack, String appToken, String botToken) {
        super(NAME, Duration.ofSeconds(RETRY_SECONDS));
        this.slack = slack;
        this.appToken = appToken;
        this.methods = slack.methods(botToken);
    }

    /** The input of {@code micro.bot.slack.*}; a missing token fails naming its setting. */
    static SlackInput of(BotProperties.Slack settings) {
        String appToken = required("micro.bot.slack.app-token", settings.getAppToken(),
                "the app-level token (xapp-...) with connections:write");
        String botToken = required("micro.bot.slack.bot-token", settings.getBotToken(), "the bot token (xoxb-...)");
        String apiUrl = required("micro.bot.slack.api-url", settings.getApiUrl(), "Slack's Web API, "
                + BotProperties.Slack.DEFAULT_API_URL);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        return new SlackInput(Slack.getInstance(config), appToken, botToken);
    }

    @Override
    public void close() {
        super.close();
        try {
            slack.close();
        } catch (Exception e) { // Slack.close declares Exception
            log.debug("Closing the Slack client failed", e);
        }
    }

    @Override
    void disconnect(SocketModeClient socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing the Slack websocket failed", e);
        }
    }

    @Override
    void connect() {
        try {
            AuthTestResponse auth = methods.authTest(request -> request);
            if (!auth.isOk()) {
                throw new IOException("auth.test answered " + auth.getError());
            }
            SocketModeClient client = slack.socketMode(appToken, SocketModeClient.Backend.JavaWebSocket);
            client.addEventsApiEnvelopeListener(envelope -> receive(client, envelope));
            client.setAutoReconnectEnabled(true);
            botUser = auth.getUserId();
            if (!keep(client)) {
                return;
            }
            client.connect();
            log.info("Slack connected as {} ({}) in team {}", auth.getUser(), auth.getUserId(), auth.getTeam());
        } catch (IOException | SlackApiException | RuntimeException e) {
            log.warn("Cannot connect to Slack ({}); trying again in {}", e.getMessage(), retryDelay());
            retryLater();
        }
    }

    private void receive(SocketModeClient client, EventsApiEnvelope envelope) {
        client.sendSocketModeResponse(new AckResponse(envelope.getEnvelopeId()));
        JsonObject event = object(envelope.getPayload(), "event");
        if (event == null) {
            return;
        }
        String type = string(event, "type");
        String user = string(event, "user");
        String channel = string(event, "channel");
        String text = string(event, "text");
        if (user.isEmpty() || channel.isEmpty() || event.has("bot_id") || event.has("subtype")) {
            return;
        }
        String self = botUser;
        if (user.equals(self)) {
            return;
        }
        boolean mention = type.equals("app_mention");
        boolean direct = type.equals("message") && string(event, "channel_type").equals("im");
        if (mention || direct) {
            receiver().accept(new ChatMessage(NAME, user, SlackText.command(text, self),
                    reply -> post(channel, reply)));
        }
    }

    private void post(String channel, String text) {
        try {
            ChatPostMessageResponse response = methods.chatPostMessage(request -> request.channel(channel)
                    .text(SlackText.escape(text)));
            if (!response.isOk()) {
                log.warn("Slack refused a reply in {}: {}", channel, response.getError());
            }
        } catch (IOException | SlackApiException e) {
            log.warn("Cannot post a reply to Slack: {}", e.getMessage());
        }
    }

    private static JsonObject object(JsonElement element, String member) {
        if (element == null || !element.isJsonObject()) {
            return null;
        }
        JsonElement value = element.getAsJsonObject().get(member);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }

    private static String required(String property, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "the Slack input needs " + what);
        }
        return value.strip();
    }
}
