package io.lode.reward.rest;

import java.net.URI;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Epoch summaries. Epoch closing is not built yet, so there is never a latest epoch to show. */
@Path("/v1/epochs")
@Produces(MediaType.APPLICATION_JSON)
public class EpochResource {

    @GET
    @Path("/latest")
    public Object latest() {
        throw HttpProblem.builder().withType(URI.create("https://lode.dev/problems/no-epoch"))
                .withStatus(404).withTitle("No epoch closed yet")
                .withDetail("this network has not closed an epoch").build();
    }
}
