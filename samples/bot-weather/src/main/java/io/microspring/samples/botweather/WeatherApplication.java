package io.microspring.samples.botweather;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A micro bot command in Java: it registers {@code go.micro.bot.weather}, so that a bot in the
 * same registry ({@code ./micro bot --inputs=slack}) lists {@code weather CITY} in its help and
 * answers {@code weather Berlin}.
 */
@SpringBootApplication
public class WeatherApplication {

    public static void main(String[] args) {
        SpringApplication.run(WeatherApplication.class, args);
    }
}
