package example.consumer.plainjava;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs only in the build's {@code plain-java-without-spring} execution, which repeats this package's consumer tests
 * with every Spring jar taken off the class path: proof that they passed without Spring, not merely beside it.
 */
class SpringIsAbsentTest {

	@Test
	void noSpringClassCanBeLoaded() {
		for (String name : new String[] { "org.springframework.core.SpringVersion",
				"org.springframework.context.ApplicationContext", "org.springframework.boot.SpringApplication" }) {
			assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
		}
	}

}
