package dev.mcpauth.authserver.web.page;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the product name into the model of every page, for the shared header and the title. */
@ControllerAdvice
public class PageModel {

	private final UiProperties properties;

	public PageModel(UiProperties properties) {
		this.properties = properties;
	}

	@ModelAttribute("productName")
	public String productName() {
		return this.properties.productName();
	}

}
