package dev.northstar.shared;

/**
 * Where a number is counted: the whole company, a department, a team or one person. Written {@code company},
 * {@code department:12}, {@code team:5} or {@code person:9} in URLs and the API.
 */
public sealed interface Scope permits Scope.Company, Scope.Department, Scope.Team, Scope.Person {

    record Company() implements Scope {
        @Override
        public String key() {
            return "company";
        }
    }

    record Department(long id) implements Scope {
        @Override
        public String key() {
            return "department:" + id;
        }
    }

    record Team(long id) implements Scope {
        @Override
        public String key() {
            return "team:" + id;
        }
    }

    record Person(long id) implements Scope {
        @Override
        public String key() {
            return "person:" + id;
        }
    }

    Scope COMPANY = new Company();

    /** The text form: {@code company}, {@code department:12}, {@code team:5}, {@code person:9}. */
    String key();

    static Scope parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.equals("company")) {
            return COMPANY;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && value.substring(colon + 1).matches("[0-9]{1,18}")) {
            long id = Long.parseLong(value.substring(colon + 1));
            switch (value.substring(0, colon)) {
                case "department":
                    return new Department(id);
                case "team":
                    return new Team(id);
                case "person":
                    return new Person(id);
                default:
                    break;
            }
        }
        throw new InvalidInputException("scope", "'" + value + "' is not one of company, department:{id}, team:{id}, person:{id}");
    }
}
