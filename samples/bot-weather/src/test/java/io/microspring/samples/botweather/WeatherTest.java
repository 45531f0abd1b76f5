package io.microspring.samples.botweather;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.microspring.server.bot.proto.ExecRequest;
import io.microspring.server.bot.proto.ExecResponse;
import io.microspring.server.bot.proto.HelpRequest;

class WeatherTest {

    private final Weather weather = new Weather();

    @Test
    void helpGivesTheUsageAndDescription() {
        assertThat(weather.help(HelpRequest.getDefaultInstance()).getUsage()).isEqualTo("weather CITY");
    }

    @Test
    void execAnswersTheSameForecastForACityEveryTime() {
        ExecResponse first = weather.execute(ExecRequest.newBuilder().addAllArgs(List.of("weather", "Berlin")).build());
        ExecResponse again = weather.execute(ExecRequest.newBuilder().addAllArgs(List.of("weather", "berlin")).build());
        assertThat(first.getError()).isEmpty();
        assertThat(first.getResult().toStringUtf8()).startsWith("Berlin: ").endsWith("°C")
                .isEqualTo(again.getResult().toStringUtf8().replace("berlin", "Berlin"));
    }

    @Test
    void execWithoutACityAnswersTheErrorNotAResult() {
        ExecResponse response = weather.execute(ExecRequest.newBuilder().addArgs("weather").build());
        assertThat(response.getResult().isEmpty()).isTrue();
        assertThat(response.getError()).isEqualTo("weather where? Say: weather CITY");
    }
}
