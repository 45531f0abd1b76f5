/**
 * micro for Spring: go-micro's pluggable microservice framework for Java. Each sub-package is one
 * concern with one small interface (codec, transport, registry, selector, broker, client, server);
 * implementations live in sub-packages named for their technology.
 */
package io.microspring;
