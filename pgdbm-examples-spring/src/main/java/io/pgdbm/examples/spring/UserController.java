package io.pgdbm.examples.spring;

import io.pgdbm.DatabaseManager;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Users and their orders over HTTP, each module through its own schema-isolated manager:
 *
 * <pre>
 * curl -X POST localhost:8080/users -H 'Content-Type: application/json' -d '{"email":"ada@example.com"}'
 * curl localhost:8080/users/1
 * curl -X POST localhost:8080/users/1/orders -H 'Content-Type: application/json' -d '{"total":9.90}'
 * curl localhost:8080/users/1/orders
 * </pre>
 */
@RestController
public class UserController {
    private final DatabaseManager users;
    private final DatabaseManager orders;

    public UserController(@Qualifier("usersDb") DatabaseManager users, @Qualifier("ordersDb") DatabaseManager orders) {
        this.users = users;
        this.orders = orders;
    }

    // snippet:spring-endpoint
    @GetMapping("/users/{id}")
    User user(@PathVariable long id) {
        return users.fetchOne(User.class, "SELECT * FROM {{tables.users}} WHERE id = $1", id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no user " + id));
    }
    // end:spring-endpoint

    @PostMapping("/users")
    ResponseEntity<User> createUser(@RequestBody Map<String, String> body) {
        String email = body.get("email");
        if (email == null || email.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'email' is required");
        }
        User user = users.fetchOne(User.class, "INSERT INTO {{tables.users}} (email) VALUES ($1) RETURNING *", email)
                .orElseThrow();
        return ResponseEntity.created(URI.create("/users/" + user.id())).body(user);
    }

    @GetMapping("/users/{id}/orders")
    List<Order> ordersOf(@PathVariable long id) {
        user(id); // 404 for an unknown user
        return orders.fetchAll(Order.class, "SELECT * FROM {{tables.orders}} WHERE user_id = $1 ORDER BY id", id);
    }

    @PostMapping("/users/{id}/orders")
    ResponseEntity<Order> placeOrder(@PathVariable long id, @RequestBody Map<String, BigDecimal> body) {
        user(id);
        BigDecimal total = body.get("total");
        if (total == null || total.signum() < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'total' is required and must not be negative");
        }
        Order order = orders.fetchOne(Order.class,
                "INSERT INTO {{tables.orders}} (user_id, total) VALUES ($1, $2) RETURNING *", id, total).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).body(order);
    }
}
