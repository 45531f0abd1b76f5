package io.microspring.bot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * micro bot's own settings, named after its flags: {@code micro.bot.inputs} is {@code --inputs}
 * and {@code MICRO_BOT_INPUTS}; each input's settings are {@code micro.bot.slack.*} and
 * {@code micro.bot.xmpp.*}.
 */
@ConfigurationProperties("micro.bot")
public class BotProperties {

    /**
     * Default: the namespace of command services, as micro's: {@code go.micro.bot.deploy} is
     * command {@code deploy}.
     */
    public static final String DEFAULT_NAMESPACE = "go.micro.bot";
    /** Default: replies longer than this many characters are cut, saying so. */
    public static final int DEFAULT_MAX_REPLY_LENGTH = 3000;

    /** The chat inputs to connect: slack, xmpp (comma separated). */
    private List<String> inputs = new ArrayList<>();

    /** Namespace of the command services: service {namespace}.{command} answers command {command}. */
    private String namespace = DEFAULT_NAMESPACE;

    /** Longest reply in characters; longer output is cut at a line end and says how much was left out. */
    private int maxReplyLength = DEFAULT_MAX_REPLY_LENGTH;

    private final Call call = new Call();

    private final Slack slack = new Slack();

    private final Xmpp xmpp = new Xmpp();

    public List<String> getInputs() {
        return inputs;
    }

    public void setInputs(List<String> inputs) {
        this.inputs = inputs;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public int getMaxReplyLength() {
        return maxReplyLength;
    }

    public void setMaxReplyLength(int maxReplyLength) {
        this.maxReplyLength = maxReplyLength;
    }

    public Call getCall() {
        return call;
    }

    public Slack getSlack() {
        return slack;
    }

    public Xmpp getXmpp() {
        return xmpp;
    }

    /** The {@code call} command. */
    public static class Call {

        /** Service name patterns call may reach ({@code *} matches any characters); empty allows every service. */
        private List<String> allowedServices = new ArrayList<>();

        public List<String> getAllowedServices() {
            return allowedServices;
        }

        public void setAllowedServices(List<String> allowedServices) {
            this.allowedServices = allowedServices;
        }
    }

    /** The Slack input: a Slack app in Socket Mode. */
    public static class Slack {

        /** Default: Slack's Web API. */
        public static final String DEFAULT_API_URL = "https://slack.com/api/";

        /** App-level token (xapp-...) with the connections:write scope: opens the Socket Mode connection. */
        private String appToken;

        /** Bot token (xoxb-...): posts the replies. */
        private String botToken;

        /** Base URL of Slack's Web API methods. */
        private String apiUrl = DEFAULT_API_URL;

        /** Slack user IDs (U...) that may run call, register service and deregister service. */
        private List<String> allowedUsers = new ArrayList<>();

        public String getAppToken() {
            return appToken;
        }

        public void setAppToken(String appToken) {
            this.appToken = appToken;
        }

        public String getBotToken() {
            return botToken;
        }

        public void setBotToken(String botToken) {
            this.botToken = botToken;
        }

        public String getApiUrl() {
            return apiUrl;
        }

        public void setApiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
        }

        public List<String> getAllowedUsers() {
            return allowedUsers;
        }

        public void setAllowedUsers(List<String> allowedUsers) {
            this.allowedUsers = allowedUsers;
        }
    }

    /** The XMPP input: an account that answers direct messages and messages to it in rooms. */
    public static class Xmpp {

        /** Default: the nickname in rooms. */
        public static final String DEFAULT_NICKNAME = "micro";
        /** Default: the wait between attempts to reach the server. */
        public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(5);

        /** The bot's account, user@domain. */
        private String jid;

        /** The account's password. */
        private String password;

        /** Server host:port; empty finds the server of the account's domain through DNS. */
        private String address;

        /** Multi-user chat rooms to join, room@conference.domain. */
        private List<String> rooms = new ArrayList<>();

        /** The bot's nickname in rooms; room messages starting with it are commands. */
        private String nickname = DEFAULT_NICKNAME;

        /** Whether STARTTLS is required, used when offered (if-possible), or not used (disabled). */
        private Security security = Security.REQUIRED;

        /** How long to wait between attempts to reach the server, at start and after it is lost. */
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;

        /** Bare JIDs (user@domain) that may run call, register service and deregister service. */
        private List<String> allowedJids = new ArrayList<>();

        public String getJid() {
            return jid;
        }

        public void setJid(String jid) {
            this.jid = jid;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public List<String> getRooms() {
            return rooms;
        }

        public void setRooms(List<String> rooms) {
            this.rooms = rooms;
        }

        public String getNickname() {
            return nickname;
        }

        public void setNickname(String nickname) {
            this.nickname = nickname;
        }

        public Security getSecurity() {
            return security;
        }

        public void setSecurity(Security security) {
            this.security = security;
        }

        public Duration getReconnectDelay() {
            return reconnectDelay;
        }

        public void setReconnectDelay(Duration reconnectDelay) {
            this.reconnectDelay = reconnectDelay;
        }

        public List<String> getAllowedJids() {
            return allowedJids;
        }

        public void setAllowedJids(List<String> allowedJids) {
            this.allowedJids = allowedJids;
        }

        /** Encryption of the XMPP connection. */
        public enum Security {
            /** STARTTLS or no connection. */
            REQUIRED,
            /** STARTTLS when the server offers it. */
            IF_POSSIBLE,
            /** Plain TCP, for a server on loopback. */
            DISABLED
        }
    }
}
