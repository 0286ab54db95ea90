package dev.northstar.access.internal;

import dev.northstar.access.Viewer;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's OpenAPI description: bearer tokens, and no trace of the server-side {@link Viewer} parameter. */
@Configuration
class ApiDocsConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Viewer.class);
    }

    @Bean
    OpenAPI northstarOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Northstar API").version("v1")
                        .description("Send a personal API token (created under 'API tokens') as 'Authorization: Bearer <token>'. "
                                + "Errors are RFC 9457 problem details; a refusal says why."))
                .components(new Components().addSecuritySchemes("token",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
