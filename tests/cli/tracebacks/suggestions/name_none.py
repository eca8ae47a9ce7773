nonee
