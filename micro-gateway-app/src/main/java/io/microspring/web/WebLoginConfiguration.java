package io.microspring.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * micro web's optional login, through Spring Security: on when {@code micro.web.auth.basic.username},
 * its password or {@code micro.web.auth.token} is set. Then the dashboard's paths (its pages, their feeds and
 * streams, {@code /rpc}, the terminal, the stylesheet and script) need HTTP basic with that user,
 * or {@code Authorization: Bearer} with that token; a request without either is refused with 401
 * and go-micro's error JSON ({@link LoginRefusal}). Every request is checked on its own (no
 * session, no cookie). The web apps behind the proxy and {@code /actuator} stay open: a web app
 * decides its own login, and the proxy passes the {@code Authorization} header to it untouched.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(WebLoginConfiguration.LoginSet.class)
@EnableWebFluxSecurity
class WebLoginConfiguration {

    private static final Pattern ENCODED = Pattern.compile("^\\{.+}.*$");

    @Bean
    SecurityWebFilterChain webLogin(ServerHttpSecurity http, WebDashboardProperties properties) {
        WebDashboardProperties.Basic basic = properties.getAuth().getBasic();
        String token = properties.getAuth().getToken();
        boolean basicOn = !basic.getUsername().isBlank();
        boolean tokenOn = token != null && !token.isBlank();
        requireConsistent(basic);
        List<String> how = new ArrayList<>();
        if (basicOn) {
            how.add("HTTP basic (the user of micro.web.auth.basic.username)");
        }
        if (tokenOn) {
            how.add("Authorization: Bearer and the token of micro.web.auth.token");
        }
        LoginRefusal refusal = new LoginRefusal(basicOn, String.join(" or ", how));
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(
                        MicroWebHandler.DASHBOARD_PATHS.toArray(String[]::new)))
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusal))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable);
        if (basicOn) {
            http.httpBasic(login -> login
                    .authenticationManager(new UserDetailsRepositoryReactiveAuthenticationManager(
                            new MapReactiveUserDetailsService(User.withUsername(basic.getUsername().strip())
                                    .password(encoded(basic.getPassword()))
                                    .roles("DASHBOARD")
                                    .build())))
                    .authenticationEntryPoint(refusal));
        } else {
            http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
        }
        if (tokenOn) {
            StaticToken staticToken = new StaticToken(token.strip());
            AuthenticationWebFilter tokenLogin = new AuthenticationWebFilter(staticToken);
            tokenLogin.setServerAuthenticationConverter(staticToken);
            tokenLogin.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
            tokenLogin.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(refusal));
            http.addFilterAt(tokenLogin, SecurityWebFiltersOrder.AUTHENTICATION);
        }
        return http.build();
    }

    /** A user needs a password, and a password a user. */
    private static void requireConsistent(WebDashboardProperties.Basic basic) {
        if (!basic.getUsername().isBlank() && basic.getPassword().isEmpty()) {
            throw new InvalidConfigurationPropertyValueException("micro.web.auth.basic.password", "",
                    "micro.web.auth.basic.username is set: give its user a password");
        }
        if (basic.getUsername().isBlank() && !basic.getPassword().isEmpty()) {
            throw new InvalidConfigurationPropertyValueException("micro.web.auth.basic.username", "",
                    "micro.web.auth.basic.password is set: name its user");
        }
    }

    /** The password for Spring's delegating encoder: kept when it names its encoder, else compared as it is. */
    private static String encoded(String password) {
        return ENCODED.matcher(password).matches() ? password : "{noop}" + password;
    }

    /** Whether any login setting is given (a password without a user then fails startup, naming the setting). */
    static final class LoginSet implements Condition {

        private static final List<String> SETTINGS = List.of("micro.web.auth.basic.username",
                "micro.web.auth.basic.password", "micro.web.auth.token");

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return SETTINGS.stream().map(context.getEnvironment()::getProperty)
                    .anyMatch(value -> value != null && !value.isBlank());
        }
    }
}
