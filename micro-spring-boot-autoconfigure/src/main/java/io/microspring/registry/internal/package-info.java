/** Implementation details shared by the registries; not API. */
package io.microspring.registry.internal;
