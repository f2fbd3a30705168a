package com.example.boot;

import com.example.clients.Bodies;
import com.example.gen.restclient.ApiClient;
import com.example.gen.restclient.api.DefaultApi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generated client as a team wires it: an ApiClient with the base URL and the bearer token, and the api bean. */
@Configuration
class RcrtClientConfig {
    @Bean
    ApiClient rcrtApiClient(@Value("${rcrt.url}") String baseUrl) {
        ApiClient client = new ApiClient();
        client.setBasePath(baseUrl);
        client.setBearerToken(Bodies.TOKEN);
        return client;
    }

    @Bean
    DefaultApi rcrtApi(ApiClient rcrtApiClient) {
        return new DefaultApi(rcrtApiClient);
    }
}
