package io.microspring.gateway.handler;

import java.net.InetSocketAddress;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What the {@link ApiHandler} needs of an HTTP request, whichever way it came in: through WebFlux
 * ({@link #of(ServerHttpRequest)}) or on Reactor Netty ahead of it ({@link NettyRoutes}).
 *
 * @param method the request's method, such as {@code GET}
 * @param path the path, percent-decoded
 * @param rawPath the path as it arrived, percent-encoded
 * @param rawQuery the query as it arrived, {@code null} when the request has none
 * @param headers the request's headers
 * @param remoteAddress the client's address, {@code null} when not known
 */
record ApiCall(String method, String path, String rawPath, String rawQuery, HttpHeaders headers,
        InetSocketAddress remoteAddress) {

    /** The call of a request WebFlux parsed. */
    static ApiCall of(ServerHttpRequest request) {
        URI uri = request.getURI();
        return new ApiCall(request.getMethod().name(), uri.getPath(), uri.getRawPath(), uri.getRawQuery(),
                request.getHeaders(), request.getRemoteAddress());
    }

    /**
     * The call of a request {@code method} to {@code target} with {@code headers} from
     * {@code remoteAddress}; its path decoded as {@link URI#getPath()} decodes it, as WebFlux's.
     */
    static ApiCall of(String method, RequestTarget target, HttpHeaders headers, InetSocketAddress remoteAddress) {
        String rawPath = target.path();
        String path = rawPath.indexOf('%') < 0 ? rawPath : URI.create("http://host" + rawPath).getPath();
        return new ApiCall(method, path, rawPath, target.query(), headers, remoteAddress);
    }
}
