/**
 * Chat commands of {@code micro bot} written in Java: {@link io.microspring.server.bot.BotCommand}
 * serves micro's bot {@code Command} service.
 */
package io.microspring.server.bot;
