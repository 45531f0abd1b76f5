package io.microspring.samples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.client.TypedClients;
import io.microspring.samples.greeter.client.Say;
import io.microspring.samples.greeter.proto.HelloRequest;
import io.microspring.samples.greeter.proto.HelloResponse;
import io.microspring.samples.greeter.proto.StreamRequest;
import io.microspring.samples.greeter.server.GreeterServerApplication;
import io.microspring.registry.Endpoint;
import io.microspring.server.Server;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The greeter as the README shows it: the curl over go-micro's wire, MicroClient and the typed client. */
@SpringBootTest(classes = GreeterServerApplication.class, properties = "micro.registry=memory")
class GreeterApplicationTest {

    @Autowired
    Server server;

    @Autowired
    MicroClient client;

    @Test
    void theReadmeCurlAnswersHelloJohn() throws Exception {
        String address = server.service().nodes().get(0).address();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://" + address + "/"))
                .header("Content-Type", "application/json")
                .header("Micro-Service", "go.micro.srv.greeter")
                .header("Micro-Endpoint", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"msg\":\"Hello John\"}");
    }

    @Test
    void microClientCallsWithProtobufAndJson() {
        HelloRequest request = HelloRequest.newBuilder().setName("John").build();
        for (String contentType : new String[] {"application/protobuf", "application/json"}) {
            HelloResponse response = client.callBlocking("go.micro.srv.greeter", "Say.Hello", request,
                    HelloResponse.class, CallOptions.builder().contentType(contentType).build());
            assertThat(response.getMsg()).as(contentType).isEqualTo("Hello John");
        }
    }

    @Test
    void theTypedClientCallsSayHello() {
        Say say = TypedClients.create(Say.class, client);
        assertThat(say.hello(HelloRequest.newBuilder().setName("Jane").build()).block().getMsg())
                .isEqualTo("Hello Jane");
    }

    @Test
    void sayStreamSendsCountGreetingsAsTheGoGreeterDoes() {
        Say say = TypedClients.create(Say.class, client);
        assertThat(say.stream(StreamRequest.newBuilder().setName("John").setCount(3).setIntervalMillis(10).build())
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10)))
                .containsExactly("Hello John 1", "Hello John 2", "Hello John 3");
        assertThat(client.stream("go.micro.srv.greeter", "Say.Stream", Mono.just(StreamRequest.newBuilder()
                .setName("Jane").setCount(2).build()), HelloResponse.class, CallOptions.builder()
                        .contentType("application/protobuf").build())
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10)))
                .containsExactly("Hello Jane 1", "Hello Jane 2");
    }

    @Test
    void sayChatAnswersEachMessage() {
        Say say = TypedClients.create(Say.class, client);
        assertThat(say.chat(Flux.just("Ann", "Bob").map(name -> HelloRequest.newBuilder().setName(name).build()))
                .map(HelloResponse::getMsg).collectList().block(Duration.ofSeconds(10)))
                .containsExactly("Hello Ann", "Hello Bob");
    }

    @Test
    void theStreamsAreRegisteredAsStreamingEndpoints() {
        assertThat(server.service().endpoints())
                .filteredOn(endpoint -> "true".equals(endpoint.metadata().get("stream")))
                .extracting(Endpoint::name).containsExactlyInAnyOrder("Say.Chat", "Say.Stream");
    }

    @Test
    void theRegisteredServiceDescribesSayHello() {
        assertThat(server.service().endpoints()).filteredOn(endpoint -> endpoint.name().equals("Say.Hello"))
                .singleElement().satisfies(endpoint -> {
            assertThat(endpoint.name()).isEqualTo("Say.Hello");
            assertThat(endpoint.request().name()).isEqualTo("HelloRequest");
            assertThat(endpoint.request().values()).extracting(v -> v.name() + ":" + v.type())
                    .containsExactly("name:string");
            assertThat(endpoint.response().values()).extracting(v -> v.name() + ":" + v.type())
                    .containsExactly("msg:string");
        });
    }

    @Test
    void theNodeAlsoServesGoMicrosDebugService() {
        assertThat(server.service().endpoints()).extracting(Endpoint::name).contains("Debug.Health", "Debug.Stats");
    }
}
