package dev.mcpauth.oauth2.server.authorization.cimd.fetch;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEP-991 "only fetch client metadata after authenticating the user": an anonymous authorization request with a
 * URL client_id never reaches the endpoint filter (which would fetch), it goes to the login page instead.
 */
class AuthenticateBeforeFetchFilterTest {

	private final AuthenticateBeforeFetchFilter filter = new AuthenticateBeforeFetchFilter("/oauth2/authorize",
			(clientId) -> clientId.startsWith("https://"), new LoginUrlAuthenticationEntryPoint("/login"));

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void anonymousRequestWithUrlClientIdGoesToLoginWithoutReachingTheEndpoint() throws Exception {
		MockHttpServletRequest request = authorizationRequest("https://client.example.test/client.json");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(chain.getRequest()).as("endpoint reached").isNull();
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).endsWith("/login");
		assertThat(new HttpSessionRequestCache().getRequest(request, response)).as("request saved for after login")
			.isNotNull();
	}

	@Test
	void anonymousTokenCountsAsNotAuthenticated() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(authorizationRequest("https://client.example.test/client.json"),
				new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void authenticatedUserReachesTheEndpoint() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of()));
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(authorizationRequest("https://client.example.test/client.json"),
				new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void clientIdRefusedOnSyntaxIsLeftToTheEndpointsErrorPage() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(authorizationRequest("http://client.example.test/client.json"),
				new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void preRegisteredClientIdIsLeftToTheEndpoint() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(authorizationRequest("demo-host-client"), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void otherEndpointsAreLeftAlone() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.setParameter("client_id", "https://client.example.test/client.json");
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	private static MockHttpServletRequest authorizationRequest(String clientId) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setParameter("client_id", clientId);
		request.setParameter("response_type", "code");
		return request;
	}

}
