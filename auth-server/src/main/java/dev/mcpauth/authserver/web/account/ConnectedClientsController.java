package dev.mcpauth.authserver.web.account;

import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Connected clients": the signed-in user's grants, and a revoke button per client (a POST with Spring Security's
 * CSRF token; the redirect afterwards makes a reload harmless).
 */
@Controller
public class ConnectedClientsController {

	/** How instants are shown: UTC, to the minute, the same for every reader. */
	public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ConnectedClients connectedClients;

	public ConnectedClientsController(ConnectedClients connectedClients) {
		this.connectedClients = connectedClients;
	}

	@GetMapping("/account/clients")
	public String list(Principal principal, Model model) {
		model.addAttribute("clients", this.connectedClients.of(principal.getName()));
		model.addAttribute("user", principal.getName());
		model.addAttribute("time", TIME);
		return "connected-clients";
	}

	@PostMapping("/account/clients/revoke")
	public String revoke(@RequestParam("client") String registeredClientId, Principal principal,
			RedirectAttributes redirect) {
		String name = this.connectedClients.revoke(principal.getName(), registeredClientId);
		if (name != null) {
			redirect.addFlashAttribute("revoked", name);
		}
		return "redirect:/account/clients";
	}

}
