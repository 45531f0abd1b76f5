package io.microspring.gateway.handler;

/**
 * A service's answer to an rpc handler request: a 200 with {@code body} of {@code contentType}, or
 * when the body is empty a 204 without content.
 *
 * @param contentType the content type of the response
 * @param body the response's body
 */
record RpcAnswer(String contentType, byte[] body) {

    /** Whether this is answered with a 204. */
    boolean isEmpty() {
        return body.length == 0;
    }
}
