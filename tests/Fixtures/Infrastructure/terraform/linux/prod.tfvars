prefix = "contoso-prod"
websockets_enabled = true