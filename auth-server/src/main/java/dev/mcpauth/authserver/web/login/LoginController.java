package dev.mcpauth.authserver.web.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mcpauth.authserver.web.page.PageSecurity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login processes its {@code POST /login}. */
@Controller
public class LoginController {

	@GetMapping("/login")
	public String login(HttpServletRequest request, HttpServletResponse response, Model model) {
		LoginMessage message = LoginMessage.take(request);
		model.addAttribute("message", message);
		model.addAttribute("username", (message != null) ? message.username() : "");
		model.addAttribute("signedOut", request.getParameter("signed-out") != null);
		PageSecurity.withPolicy(response, PageSecurity.LOGIN_POLICY);
		return "login";
	}

}
