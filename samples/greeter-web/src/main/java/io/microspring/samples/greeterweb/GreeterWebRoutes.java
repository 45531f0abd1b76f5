package io.microspring.samples.greeterweb;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

import reactor.core.publisher.Flux;

/**
 * The pages of the web app, all under {@code /web} since the gateway forwards the whole path:
 * <ul>
 * <li>{@code GET /web/hello?name=John}: {@code Hello John};</li>
 * <li>{@code POST /web/echo}: the request body back, streamed;</li>
 * <li>{@code GET /web/ticks?count=5}: one line every 100 ms (or as slowly as the
 * client reads), streamed as it is produced;</li>
 * <li>{@code /web/ws}: a websocket that echoes every text message.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class GreeterWebRoutes {

    @Bean
    RouterFunction<ServerResponse> pages() {
        return RouterFunctions.route()
                .GET("/web/hello", request -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("Hello " + request.queryParam("name").orElse("stranger")))
                .POST("/web/echo", request -> ServerResponse.ok()
                        .contentType(request.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM))
                        .body(request.bodyToFlux(DataBuffer.class), DataBuffer.class))
                .GET("/web/ticks", request -> {
                    int count = Integer.parseInt(request.queryParam("count").orElse("5"));
                    // paced by the writer's demand too: Flux.interval fails a tick that finds no demand
                    // (a response that commits slowly under load, a client that reads slowly)
                    Flux<String> ticks = Flux.range(1, count).delayElements(Duration.ofMillis(100))
                            .map(tick -> "tick " + tick + "\n");
                    return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(ticks, String.class);
                })
                .build();
    }

    @Bean
    HandlerMapping webSockets() {
        WebSocketHandler echo = session -> session.send(session.receive()
                .map(message -> session.textMessage(message.getPayloadAsText())));
        return new SimpleUrlHandlerMapping(Map.of("/web/ws", echo), -1);
    }
}
