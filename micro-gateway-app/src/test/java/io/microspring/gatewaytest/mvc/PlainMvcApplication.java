package io.microspring.gatewaytest.mvc;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring MVC app with the starter and no registration code: {@code micro.web.name} alone
 * puts it behind the gateway.
 */
@SpringBootApplication
@RestController
public class PlainMvcApplication {

    @GetMapping("/mvc/hello")
    String hello(@RequestParam(defaultValue = "stranger") String name) {
        return "Hello " + name + " from MVC";
    }
}
