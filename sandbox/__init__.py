"""The sandbox: the Bot API emulator (also used by the tests) and the /sandbox page that
`helpdesk sandbox` (`make demo`) serves beside the real desk."""
