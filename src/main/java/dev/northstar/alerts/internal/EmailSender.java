package dev.northstar.alerts.internal;

import dev.northstar.alerts.internal.DeliveryStore.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.util.Locale;
import java.util.Map;

/**
 * Sends a notification as an e-mail with an HTML and a plain-text part, both from the same facts, through the SMTP
 * server that {@code spring.mail.host} names. Without one, this server sends no e-mail, and none is queued.
 */
@Component
class EmailSender {

    private final JavaMailSender mail;
    private final ITemplateEngine templates;
    private final String from;

    EmailSender(ObjectProvider<JavaMailSender> mail, ITemplateEngine templates, @Value("${northstar.mail.from:Northstar <northstar@localhost>}") String from) {
        this.mail = mail.getIfAvailable();
        this.templates = templates;
        this.from = from;
    }

    boolean setUp() {
        return mail != null;
    }

    Outcome send(String address, Message message, String publicUrl) {
        if (mail == null) {
            return Outcome.refused("this server has no SMTP server set up (spring.mail.host)");
        }
        try {
            MimeMessage email = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(email, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(address);
            helper.setSubject(message.subject());
            // A digest comes with its own HTML and text; a notification's are made here from its facts.
            helper.setText(message.html() != null ? message.body() : plainText(message, publicUrl),
                    message.html() != null ? message.html() : html(message, publicUrl));
            mail.send(email);
            return Outcome.sent("accepted by the SMTP server");
        } catch (MailAuthenticationException e) {
            return Outcome.failed("the SMTP server refused our login: " + e.getMessage());
        } catch (MailParseException | MailPreparationException e) {
            return Outcome.refused("not a message that can be sent: " + e.getMessage());
        } catch (MailSendException e) {
            if (addressRefused(e)) {
                return Outcome.refused("the SMTP server refused the address " + address + ": " + e.getMessage()); // will not pass by waiting
            }
            return Outcome.failed("the SMTP server did not take it: " + e.getMessage());
        } catch (MailException | MessagingException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    /** Whether the server said the address itself is wrong (a 5xx to RCPT TO), as opposed to being busy or down. */
    private static boolean addressRefused(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static String plainText(Message message, String publicUrl) {
        StringBuilder text = new StringBuilder(message.subject()).append("\n\n").append(message.body()).append('\n');
        if (message.action() != null) {
            text.append("\nWhat to do: ").append(message.action()).append('\n');
        }
        if (message.link() != null) {
            text.append("\nOpen in Northstar: ").append(publicUrl).append(message.link()).append('\n');
        }
        return text.append("\n-- \nYou get this because an alert names you. Choose what you get: ").append(publicUrl)
                .append("/notifications/settings\n").toString();
    }

    private String html(Message message, String publicUrl) {
        return templates.process("alerts/email", new Context(Locale.ENGLISH, Map.of("message", message, "publicUrl", publicUrl)));
    }
}
