/** Implementation details shared by the brokers; not API. */
package io.microspring.broker.internal;
