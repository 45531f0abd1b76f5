package io.microspring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.microspring.registry.Value;

class RequestSkeletonTest {

    @Test
    void whenFieldsHaveGoTypesThenEachGetsTheEmptyValueOfItsType() {
        Value request = new Value("Order", "Order", List.of(
                new Value("id", "string", List.of()),
                new Value("count", "int64", List.of()),
                new Value("price", "float64", List.of()),
                new Value("paid", "bool", List.of()),
                new Value("tags", "[]string", List.of()),
                new Value("blob", "[]uint8", List.of()),
                new Value("labels", "map", List.of()),
                new Value("customer", "Customer", List.of(new Value("name", "string", List.of())))));
        assertThat(RequestSkeleton.of(request)).isEqualToIgnoringWhitespace("""
                {"id": "", "count": 0, "price": 0, "paid": false, "tags": [], "blob": "", "labels": {},
                 "customer": {"name": ""}}
                """);
    }

    @Test
    void whenTheRequestIsNotDescribedThenTheSkeletonIsAnEmptyObject() {
        assertThat(RequestSkeleton.of(null)).isEqualToIgnoringWhitespace("{}");
    }
}
