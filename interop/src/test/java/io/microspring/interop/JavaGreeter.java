package io.microspring.interop;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.errors.MicroException;
import io.microspring.interop.proto.ErrorRequest;
import io.microspring.interop.proto.ErrorResponse;
import io.microspring.interop.proto.HelloRequest;
import io.microspring.interop.proto.HelloResponse;
import io.microspring.interop.proto.MetaRequest;
import io.microspring.interop.proto.MetaResponse;
import io.microspring.server.CallContext;

/** The Java twin of the Go peer's {@code Say} handler (interop/cmd/greeter-srv), same .proto. */
@MicroService(handler = "Say")
public class JavaGreeter {

    @MicroHandler
    public HelloResponse hello(HelloRequest request) {
        if (request.getName().equals("bad")) {
            throw MicroException.badRequest("x", "bad name");
        }
        return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
    }

    @MicroHandler
    public MetaResponse meta(MetaRequest request, CallContext context) {
        MetaResponse.Builder response = MetaResponse.newBuilder();
        String prefix = request.getPrefix().toLowerCase(java.util.Locale.ROOT);
        context.metadata().asMap().forEach((key, value) -> {
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                response.putMetadata(key, value);
            }
        });
        context.remaining().ifPresent(left -> response.setDeadlineMillis(Math.max(1, left.toMillis())));
        return response.build();
    }

    @MicroHandler
    public ErrorResponse error(ErrorRequest request) {
        throw new MicroException(request.getId(), request.getCode(), request.getDetail());
    }
}
