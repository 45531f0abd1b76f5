package io.microspring.bot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.microspring.net.HostPort;

/**
 * The XMPP input, with Smack: the bot's account answers direct messages, and in the multi-user
 * chat rooms it joins, the messages that start with its nickname ({@code micro: list services}).
 * Each (re)connection is a new Smack connection that logs in and joins the rooms again (creating
 * a room the server lost), retried every {@code micro.bot.xmpp.reconnect-delay} until it succeeds.
 */
final class XmppInput extends ReconnectingInput<XMPPTCPConnection> {

    /** The input's name in {@code micro.bot.inputs}. */
    static final String NAME = "xmpp";

    private static final Logger log = LoggerFactory.getLogger(XmppInput.class);
    private static final String RESOURCE = "micro-bot";

    private final XMPPTCPConnectionConfiguration configuration;
    private final List<EntityBareJid> rooms;
    private final Resourcepart nickname;

    private XmppInput(XMPPTCPConnectionConfiguration configuration, List<EntityBareJid> rooms, Resourcepart nickname,
            Duration reconnectDelay) {
        super(NAME, reconnectDelay);
        this.configuration = configuration;
        this.rooms = List.copyOf(rooms);
        this.nickname = nickname;
    }

    /** The input of {@code micro.bot.xmpp.*}; a missing or malformed setting fails naming it. */
    static XmppInput of(BotProperties.Xmpp settings) {
        EntityBareJid account = jid("micro.bot.xmpp.jid", settings.getJid());
        if (settings.getPassword() == null || settings.getPassword().isEmpty()) {
            throw new InvalidConfigurationPropertyValueException("micro.bot.xmpp.password", "",
                    "the XMPP input needs the password of " + account);
        }
        try {
            XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                    .setUsernameAndPassword(account.getLocalpart().toString(), settings.getPassword())
                    .setXmppDomain(account.asDomainBareJid())
                    .setResource(RESOURCE)
                    .setSecurityMode(securityMode(settings.getSecurity()));
            if (settings.getAddress() != null && !settings.getAddress().isBlank()) {
                HostPort address = hostPort(settings.getAddress());
                builder.setHost(address.host()).setPort(address.port());
            }
            List<EntityBareJid> rooms = new ArrayList<>();
            for (String room : settings.getRooms()) {
                rooms.add(jid("micro.bot.xmpp.rooms", room));
            }
            Duration delay = settings.getReconnectDelay();
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new InvalidConfigurationPropertyValueException("micro.bot.xmpp.reconnect-delay", delay,
                        "must be positive, such as 5s");
            }
            return new XmppInput(builder.build(), rooms, Resourcepart.from(settings.getNickname()), delay);
        } catch (XmppStringprepException e) {
            throw new InvalidConfigurationPropertyValueException("micro.bot.xmpp", settings.getNickname(),
                    e.getMessage());
        }
    }

    @Override
    void disconnect(XMPPTCPConnection connection) {
        connection.disconnect();
    }

    @Override
    void connect() {
        XMPPTCPConnection attempt = new XMPPTCPConnection(configuration);
        // one retry per connection, whether it fails while joining the rooms or is lost later
        AtomicBoolean retried = new AtomicBoolean();
        Runnable retry = () -> {
            if (retried.compareAndSet(false, true)) {
                retryLater();
            }
        };
        try {
            attempt.connect().login();
            attempt.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    log.warn("XMPP connection to {} lost ({}); reconnecting", configuration.getXMPPServiceDomain(),
                            e.getMessage());
                    retry.run();
                }
            });
            ChatManager.getInstanceFor(attempt).addIncomingListener((from, message, chat) -> deliver(message,
                    from.toString(), message.getBody(), reply -> send(() -> chat.send(reply))));
            for (EntityBareJid room : rooms) {
                join(attempt, room);
            }
            if (!keep(attempt)) {
                return;
            }
            log.info("XMPP connected to {} as {}, in rooms {}", configuration.getXMPPServiceDomain(),
                    attempt.getUser(), rooms);
        } catch (SmackException | IOException | XMPPException | InterruptedException | RuntimeException e) {
            attempt.disconnect();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            log.warn("Cannot connect to XMPP server {} ({}); trying again in {}", configuration.getXMPPServiceDomain(),
                    e.getMessage(), retryDelay());
            retry.run();
        }
    }

    /** Joins {@code room} without its history, creating it (as an instant room) when the server has none. */
    private void join(XMPPConnection connection, EntityBareJid room) throws SmackException, XMPPException,
            InterruptedException {
        MultiUserChat muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
        muc.addMessageListener(message -> roomMessage(muc, message));
        MultiUserChat.MucCreateConfigFormHandle created = muc.createOrJoin(
                muc.getEnterConfigurationBuilder(nickname).requestNoHistory().build());
        if (created != null) {
            created.makeInstant();
        }
    }

    private void roomMessage(MultiUserChat muc, Message message) {
        EntityFullJid from = message.getFrom() == null ? null : message.getFrom().asEntityFullJidIfPossible();
        String body = message.getBody();
        if (from == null || body == null || nickname.equals(from.getResourcepart())
                || DelayInformation.from(message) != null) {
            return;
        }
        String text = addressed(body);
        if (text == null) {
            return;
        }
        Occupant occupant = muc.getOccupant(from);
        String sender = occupant == null || occupant.getJid() == null ? "" : occupant.getJid().asBareJid().toString();
        deliver(message, sender, text, reply -> send(() -> muc.sendMessage(reply)));
    }

    /** The command in a room message that starts with the bot's nickname ({@code micro: ping}), else null. */
    private String addressed(String body) {
        String name = nickname.toString();
        String trimmed = body.strip();
        if (!trimmed.regionMatches(true, 0, name, 0, name.length())) {
            return null;
        }
        String rest = trimmed.substring(name.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0)) && rest.charAt(0) != ':'
                && rest.charAt(0) != ',') {
            return null;
        }
        return rest.replaceFirst("^[:,]", "").strip();
    }

    private void deliver(Message message, String sender, String text, Consumer<String> reply) {
        if (text == null || DelayInformation.from(message) != null) {
            return;
        }
        receiver().accept(new ChatMessage(NAME, sender, text, reply));
    }

    private static void send(Sending sending) {
        try {
            sending.send();
        } catch (SmackException.NotConnectedException e) {
            log.warn("Cannot reply over XMPP: not connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one reply. */
    @FunctionalInterface
    private interface Sending {
        void send() throws SmackException.NotConnectedException, InterruptedException;
    }

    private static SecurityMode securityMode(BotProperties.Xmpp.Security security) {
        return switch (security) {
            case REQUIRED -> SecurityMode.required;
            case IF_POSSIBLE -> SecurityMode.ifpossible;
            case DISABLED -> SecurityMode.disabled;
        };
    }

    private static EntityBareJid jid(String property, String value) {
        try {
            return JidCreate.entityBareFrom(value == null ? "" : value.strip());
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(property, value,
                    "must be a bare JID such as bot@example.com (rooms: room@conference.example.com)");
        }
    }

    private static HostPort hostPort(String address) {
        try {
            return HostPort.parse(address.strip()).requireHost();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("micro.bot.xmpp.address", address,
                    "must be host:port, such as xmpp.example.com:5222");
        }
    }
}
