package io.microspring.samples.botweather;

import java.util.List;
import java.util.Locale;

import io.microspring.annotation.MicroService;
import io.microspring.server.bot.BotCommand;

/**
 * Command {@code weather CITY}: a made-up forecast, the same for a city every time (a sample has
 * no weather service to ask). Without a city it answers an error, which the bot posts.
 */
@MicroService(name = "go.micro.bot.weather", handler = BotCommand.HANDLER)
public class Weather implements BotCommand {

    private static final List<String> SKIES = List.of("sunny", "cloudy", "light rain", "windy", "foggy");

    @Override
    public String usage() {
        return "weather CITY";
    }

    @Override
    public String description() {
        return "Returns the weather in a city (a sample with made-up forecasts)";
    }

    @Override
    public String exec(List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("weather where? Say: weather CITY");
        }
        String city = String.join(" ", args.subList(1, args.size()));
        int seed = Math.floorMod(city.toLowerCase(Locale.ROOT).hashCode(), 1000);
        return city + ": " + SKIES.get(seed % SKIES.size()) + ", " + (5 + seed % 25) + "°C";
    }
}
